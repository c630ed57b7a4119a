// Rule response-property-one-of-added: a `oneOf` in a response schema gained a branch.
import { defineRule } from '../define-rule.js';
import { describeType } from '../describe.js';

/**
 * `payment_method` was a card or a bank account; now it may also be a wallet. The connector's switch has no case for it:
 * the payment is dropped or the sync throws on the first wallet payment.
 */
export default defineRule({
  id: 'response-property-one-of-added',
  severity: 'warning',
  summary: 'a response value may now take a new oneOf variant',
  on: 'one-of-added',
  match: (delta) => ({ message: `${delta.path} may now be ${describeType(delta.after)} (oneOf was ${describeType(delta.before)})` }),
});
