// Rule new-required-request-parameter: an operation gained a required parameter.
import { defineRule } from '../define-rule.js';

/**
 * `GET /v1/invoices` now requires `?account=`. The connector does not send it: every nightly request gets 400.
 */
export default defineRule({
  id: 'new-required-request-parameter',
  severity: 'breaking',
  summary: 'an operation gained a required parameter the connector does not send',
  on: 'parameter-added-required',
  match: (delta) => ({ message: `${delta.path} is a new required parameter` }),
});
