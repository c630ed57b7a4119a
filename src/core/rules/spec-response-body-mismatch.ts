// Rule spec-response-body-mismatch: a live response body does not validate against the operation's documented response schema.
import { defineRule } from '../define-rule.js';

/**
 * The spec promises `amount_due: integer`; production sends `"12.50"`. Code generated from the spec (or written against
 * it) parses it wrong or throws. The vendor broke its own promise: this is the evidence to send them, with the path.
 */
export default defineRule({
  id: 'spec-response-body-mismatch',
  severity: 'breaking',
  summary: "a live response body breaks a constraint of the vendor's own spec that only the spec states (pattern, bounds, closed objects)",
  on: 'spec-violation',
  match: (delta) => ({ message: `${delta.path} ${delta.reason} (${delta.operation})` }),
});
