// Rule request-body-became-optional: an operation's request body is no longer required.
import { defineRule } from '../define-rule.js';

/**
 * The vendor no longer insists on a body for `POST /v1/invoices/{id}/finalize`. The connector's requests still work;
 * it may now send none.
 */
export default defineRule({
  id: 'request-body-became-optional',
  severity: 'info',
  summary: "an operation's request body became optional",
  on: 'body-became-optional',
  match: () => ({ message: 'the request body became optional (was required)' }),
});
