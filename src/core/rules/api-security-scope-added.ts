// Rule api-security-scope-added: a security requirement of an operation gained scopes.
import { defineRule } from '../define-rule.js';

const list = (v: unknown): string => (Array.isArray(v) ? v.map((x) => JSON.stringify(x)).join(', ') : JSON.stringify(v));

/**
 * The connector's token has `invoices:read`; the operation now also requires `invoices:export`. Calls fail with 403 until
 * the token is re-issued.
 */
export default defineRule({
  id: 'api-security-scope-added',
  severity: 'breaking',
  summary: "an operation requires OAuth scopes the consumer's token may not have",
  match(delta) {
    if (delta.location !== 'auth' || delta.kind !== 'security-scope-added') return null;
    return { message: `${delta.path} now also requires scope(s) ${list(delta.after)}` };
  },
});
