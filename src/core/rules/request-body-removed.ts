// Rule request-body-removed: an operation no longer documents a request body.
import { defineRule } from '../define-rule.js';

/**
 * The connector posts a JSON body; the operation no longer documents one. The vendor may ignore what it sends, so the
 * fields the connector sets stop taking effect.
 */
export default defineRule({
  id: 'request-body-removed',
  severity: 'warning',
  summary: "an operation no longer documents a request body",
  on: 'body-removed',
  match: (delta) => ({ message: `${delta.path} is no longer documented: the vendor may ignore what the connector sends` }),
});
