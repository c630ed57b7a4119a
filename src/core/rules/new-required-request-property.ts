// Rule new-required-request-property: a request body gained a required property.
import { defineRule } from '../define-rule.js';

/**
 * `POST /v1/invoices` now requires `tax_id`. The connector's payload does not have it: every invoice push fails with 422.
 */
export default defineRule({
  id: 'new-required-request-property',
  severity: 'breaking',
  summary: 'a request body gained a required property',
  on: 'body-required-property-added',
  match: (delta) => ({ message: `${delta.path} is a new required property of the request body` }),
});
