// Rule api-security-scope-added: a security requirement of an operation gained scopes.
import { defineRule } from '../define-rule.js';
import { describeValues } from '../describe.js';

/**
 * The connector's token has `invoices:read`; the operation now also requires `invoices:export`. Calls fail with 403 until
 * the token is re-issued.
 */
export default defineRule({
  id: 'api-security-scope-added',
  severity: 'breaking',
  summary: "an operation requires OAuth scopes the consumer's token may not have",
  on: 'security-scope-added',
  match: (delta) => ({ message: `${delta.path} now also requires scope(s) ${describeValues(delta.after)}` }),
});
