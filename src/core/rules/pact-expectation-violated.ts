// Rule pact-expectation-violated: the real Pact verifier replayed a consumer expectation and the vendor's answer broke it.
import { defineRule } from '../define-rule.js';

/**
 * The contract says `amount_due` is an integer and the accepted vendor behaviour (or the live sandbox) now sends
 * `"12.50"`: Pact's own matching rules say the consumer's expectation no longer holds, so the code that parses it
 * breaks in production exactly the way the verifier describes.
 */
export default defineRule({
  id: 'pact-expectation-violated',
  severity: 'breaking',
  summary: "the Pact verifier found the vendor's answer (replayed or live) breaks a consumer expectation",
  on: 'pact-expectation-violated',
  match: (delta) => ({ message: `"${delta.where}": ${delta.path} ${delta.mismatch}` }),
});
