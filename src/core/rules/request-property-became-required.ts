// Rule request-property-became-required: an optional request body property became required.
import { defineRule } from '../define-rule.js';

/**
 * The connector omits `due_date` (the vendor used to default it); now it is required and the push fails.
 */
export default defineRule({
  id: 'request-property-became-required',
  severity: 'breaking',
  summary: 'an optional request body property became required',
  on: 'body-property-became-required',
  match: (delta) => ({ message: `${delta.path} became required` }),
});
