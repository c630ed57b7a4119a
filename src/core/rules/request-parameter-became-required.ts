// Rule request-parameter-became-required: a parameter the connector may omit became required.
import { defineRule } from '../define-rule.js';

/**
 * The connector never sends `?currency=` (it was optional, defaulting to EUR); now it is required and requests fail with 400.
 */
export default defineRule({
  id: 'request-parameter-became-required',
  severity: 'breaking',
  summary: 'an optional parameter became required',
  on: 'parameter-became-required',
  match: (delta) => ({ message: `${delta.path} became required` }),
});
