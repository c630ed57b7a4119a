// Rule response-enum-value-added: a string field whose snapshot saw a small closed set of values has a new one.
import { defineRule } from '../define-rule.js';
import { describeValues, statedWording } from '../describe.js';
import { newValueIsChange } from '../policy.js';

/**
 * The connector switches on `invoice.status` (draft, open, paid, void); when the vendor adds `uncollectible`, the
 * switch falls through to its default branch and those invoices are silently treated as paid, or dropped.
 */
export default defineRule({
  id: 'response-enum-value-added',
  severity: 'warning',
  summary: 'a field whose values form a closed set (documented, or seen often enough) has a new value, more often than chance allows',
  on: 'enum-value-added',
  match: (delta, ctx) => {
    if (delta.evidence !== undefined && !newValueIsChange(delta.evidence)) return null;
    return {
      message: statedWording(delta, ctx, {
        seen: `${delta.path} has new value(s) ${describeValues(delta.after)}${delta.evidence ? ` in ${delta.evidence.newNow} of ${delta.evidence.seenNow} values now` : ''} (only ${describeValues(delta.before)} seen${delta.evidence ? ` in ${delta.evidence.observations} earlier values` : ''})`,
        spec: `${delta.path} is ${describeValues(delta.after)}; the vendor's spec documents only ${describeValues(delta.before)}`,
        pact: `expects ${delta.path} to be one of ${describeValues(delta.before)}; the vendor sends ${describeValues(delta.after)}`,
      }),
    };
  },
});
