// Rule response-constraint-loosened: a response value may now be something the spec ruled out (a bound relaxed or dropped, an enum lifted, a pattern changed, extra keys allowed).
import { defineRule } from '../define-rule.js';
import { describeConstraint } from '../describe-constraint.js';

/**
 * The connector stores `name` in a VARCHAR(64) because the spec said `maxLength: 64`, or trusts `amount <= 10000`, or
 * maps a closed enum; the vendor relaxes the bound or lifts the enum, and values the connector was promised it would
 * never see arrive: inserts fail, or numbers overflow a field sized for the old limit.
 */
export default defineRule({
  id: 'response-constraint-loosened',
  severity: 'warning',
  summary: "a response value may now be something the spec ruled out (a bound relaxed or dropped, an enum lifted, a pattern changed, extra keys allowed)",
  on: 'response-constraint-loosened',
  match: (delta) => ({ message: `${delta.path}: ${describeConstraint(delta.keyword, delta.before, delta.after)} (the vendor may send values it could not before)` }),
});
