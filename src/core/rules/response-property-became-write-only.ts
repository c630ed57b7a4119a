// Rule response-property-became-write-only: a response field became writeOnly: it will no longer be sent back.
import { defineRule } from '../define-rule.js';

/**
 * The connector reads `customer.tax_id` from responses; the vendor marks it `writeOnly` (accepted, never returned).
 * The read yields undefined from the next release on.
 */
export default defineRule({
  id: 'response-property-became-write-only',
  severity: 'breaking',
  summary: "a response field became writeOnly: it will no longer be sent back",
  on: 'property-became-write-only',
  match: (delta) => ({ message: `${delta.path} became writeOnly: responses will no longer carry it` }),
});
