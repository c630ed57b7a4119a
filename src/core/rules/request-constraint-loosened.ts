// Rule request-constraint-loosened: a request value now accepts more (a bound relaxed, an enum value added, null or another type allowed).
import { defineRule } from '../define-rule.js';
import { describeConstraint } from '../describe-constraint.js';

/**
 * Nothing the connector sends today is refused: the vendor accepts more than before (a higher `maxLength`, a new enum
 * value, null). Reported so the owner knows a new option exists; never a reason to page anyone.
 */
export default defineRule({
  id: 'request-constraint-loosened',
  severity: 'info',
  summary: "a request value now accepts more (a bound relaxed, an enum value added, null or another type allowed)",
  on: 'request-constraint-loosened',
  match: (delta) => ({ message: `${delta.path}: ${describeConstraint(delta.keyword, delta.before, delta.after)} (the vendor accepts more than before)` }),
});
