// Rule response-enum-value-added: a string field whose snapshot saw a small closed set of values has a new one.
import { defineRule } from '../define-rule.js';
import { describeValues } from '../describe.js';

/**
 * The connector switches on `invoice.status` (draft, open, paid, void); when the vendor adds `uncollectible`, the
 * switch falls through to its default branch and those invoices are silently treated as paid, or dropped.
 */
export default defineRule({
  id: 'response-enum-value-added',
  severity: 'warning',
  summary: 'a field with a small closed set of values in the snapshot has a new value',
  match(delta) {
    if (delta.location !== 'response' || delta.kind !== 'enum-value-added') return null;
    const known = delta.detail?.known ?? delta.before;
    return { message: `${delta.path} has new value(s) ${describeValues(delta.after)} (snapshot saw only ${describeValues(known)})` };
  },
});
