// Rule response-property-type-changed: a response field now holds a type the snapshot never saw there.
import { defineRule } from '../define-rule.js';
import { describeType } from '../describe.js';

/**
 * The connector does arithmetic on `amount` as a number; when the vendor starts sending `"12.50"` as a string,
 * totals become string concatenations or NaN, and the ledger is wrong without a single error.
 */
export default defineRule({
  id: 'response-property-type-changed',
  severity: 'breaking',
  summary: 'a response field holds a type the snapshot never saw there (e.g. number -> string)',
  match(delta) {
    if (delta.location !== 'response' || delta.kind !== 'type-changed') return null;
    return { message: `${delta.path} changed type from ${describeType(delta.before)} to ${describeType(delta.after)}` };
  },
});
