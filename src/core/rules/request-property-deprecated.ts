// Rule request-property-deprecated: a request body property is now deprecated.
import { defineRule } from '../define-rule.js';

/**
 * The connector sends `invoice.tax_percent`; the vendor deprecates it for `default_tax_rates`. It still works today;
 * it will be refused or ignored after the removal.
 */
export default defineRule({
  id: 'request-property-deprecated',
  severity: 'info',
  summary: "a request body property is now deprecated",
  on: 'request-property-deprecated',
  match: (delta) => ({ message: `${delta.path} is now deprecated` }),
});
