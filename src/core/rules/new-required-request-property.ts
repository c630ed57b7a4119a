// Rule new-required-request-property: a request body gained a required property.
import { defineRule } from '../define-rule.js';

/**
 * `POST /v1/invoices` now requires `tax_id`. The connector's payload does not have it: every invoice push fails with 422.
 */
export default defineRule({
  id: 'new-required-request-property',
  severity: 'breaking',
  summary: 'a request body gained a required property',
  match(delta) {
    if (delta.location !== 'request' || delta.kind !== 'body-required-property-added') return null;
    return { message: `${delta.path} is a new required property of the request body` };
  },
});
