// Rule request-constraint-tightened: a request value now accepts less (a bound set or tightened, an enum imposed, null refused, a variant or type dropped, a format or closed object required).
import { defineRule } from '../define-rule.js';
import { describeConstraint } from '../describe-constraint.js';

/**
 * The connector sends `quantity: 0`, a 300-character note, `null` for an unset date, or an extra key the vendor used to
 * ignore; the vendor now requires `minimum: 1`, caps the length, refuses null or closes the object. Requests that
 * worked start failing with 400/422. A new `format` only asks for what well-formed data already is: a warning.
 */
export default defineRule({
  id: 'request-constraint-tightened',
  severity: 'breaking',
  summary: "a request value now accepts less (a bound set or tightened, an enum imposed, null refused, a variant or type dropped, a format or closed object required)",
  on: 'request-constraint-tightened',
  match: (delta) => ({
    message: `${delta.path}: ${describeConstraint(delta.keyword, delta.before, delta.after)} (the vendor accepts less than before)`,
    ...(delta.keyword === 'format' ? { severity: 'warning' as const } : {}),
  }),
});
