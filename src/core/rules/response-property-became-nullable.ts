// Rule response-property-became-nullable: a response field the snapshot never saw null is now null.
import { defineRule } from '../define-rule.js';
import { describeType, statedWording } from '../describe.js';
import { noveltyIsChange } from '../policy.js';

/**
 * The connector calls `customer.email.toLowerCase()`; the first null throws a TypeError and the whole batch stops
 * at that record.
 */
export default defineRule({
  id: 'response-property-became-nullable',
  severity: 'breaking',
  summary: 'a response field that was never null is now null, more often than chance allows (or against the spec or a pact)',
  on: 'became-nullable',
  match: (delta, ctx) => {
    const v = delta.values;
    if (v !== undefined && !noveltyIsChange(v.nonNull, v.nullNow, v.seenNow)) return null;
    const seen = v === undefined ? '' : ` (non-null in ${v.nonNull} earlier values, null in ${v.nullNow} of ${v.seenNow} now)`;
    return {
      message: statedWording(delta, ctx, {
        seen: `${delta.path} became nullable${seen}`,
        spec: `${delta.path} is null; the vendor's spec documents ${describeType(delta.before)}, not null`,
        pact: `expects ${delta.path} to be ${describeType(delta.before)}; the vendor sends null`,
      }),
    };
  },
});
