// Rule request-property-became-optional: a required request body property became optional.
import { defineRule } from '../define-rule.js';

/**
 * The vendor no longer insists on `invoice.currency`. The connector's requests still work; it may now leave the field
 * out.
 */
export default defineRule({
  id: 'request-property-became-optional',
  severity: 'info',
  summary: "a required request body property became optional",
  on: 'body-property-became-optional',
  match: (delta) => ({ message: `${delta.path} became optional` }),
});
