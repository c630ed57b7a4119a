// Rule response-constraint-tightened: a response value is now promised within narrower limits (a bound set, a format or enum added, null or a variant ruled out).
import { defineRule } from '../define-rule.js';
import { describeConstraint } from '../describe-constraint.js';

/**
 * The vendor promises less variety than before (a `maxLength`, a `format`, one variant fewer, no more nulls): nothing
 * the connector reads breaks, and a defensive branch may now be dead code. Reported so nothing is silent.
 */
export default defineRule({
  id: 'response-constraint-tightened',
  severity: 'info',
  summary: "a response value is now promised within narrower limits (a bound set, a format or enum added, null or a variant ruled out)",
  on: 'response-constraint-tightened',
  match: (delta) => ({ message: `${delta.path}: ${describeConstraint(delta.keyword, delta.before, delta.after)} (the vendor promises less variety)` }),
});
