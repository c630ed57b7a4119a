// Rule spec-response-body-mismatch: a live response body does not validate against the operation's documented response schema.
import { defineRule } from '../define-rule.js';

/**
 * The spec promises `amount_due: integer`; production sends `"12.50"`. Code generated from the spec (or written against
 * it) parses it wrong or throws. The vendor broke its own promise: this is the evidence to send them, with the path.
 */
export default defineRule({
  id: 'spec-response-body-mismatch',
  severity: 'breaking',
  summary: "a live response body breaks the vendor's own spec (JSONPath + the validator's reason)",
  match(delta) {
    if (delta.location !== 'response' || delta.kind !== 'body-mismatch') return null;
    return { message: `${delta.path} ${typeof delta.detail?.reason === 'string' ? delta.detail.reason : 'does not match the spec'}${typeof delta.detail?.at === 'string' && delta.detail.at !== delta.path ? ` (at ${delta.detail.at})` : ''}` };
  },
});
