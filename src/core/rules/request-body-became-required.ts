// Rule request-body-became-required: the request body of an operation became required.
import { defineRule } from '../define-rule.js';

/**
 * The connector calls `POST /v1/invoices/{id}/finalize` without a body; now one is required and the call fails.
 */
export default defineRule({
  id: 'request-body-became-required',
  severity: 'breaking',
  summary: "an operation's request body became required",
  on: 'body-became-required',
  match: (delta) => ({ message: `the request body became required (was ${String(delta.before)})` }),
});
