// Rule response-property-became-nullable: a response field the snapshot never saw null is now null.
import { defineRule } from '../define-rule.js';
import { describeType } from '../describe.js';

/**
 * The connector calls `customer.email.toLowerCase()`; the first null throws a TypeError and the whole batch stops
 * at that record.
 */
export default defineRule({
  id: 'response-property-became-nullable',
  severity: 'breaking',
  summary: 'a response field that was never null is now null',
  match(delta) {
    if (delta.location !== 'response' || delta.kind !== 'became-nullable') return null;
    return { message: `${delta.path} became nullable (was ${describeType(delta.before)}, now ${describeType(delta.after)})` };
  },
});
