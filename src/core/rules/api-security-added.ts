// Rule api-security-added: an operation requires a security scheme none of its old requirements used (or had none).
import { defineRule } from '../define-rule.js';

/**
 * The connector authenticates with an API key; the operation now requires OAuth2. Every call answers 401 until someone
 * provisions new credentials: auth drift, announced in the spec.
 */
export default defineRule({
  id: 'api-security-added',
  severity: 'breaking',
  summary: 'an operation now requires a security scheme the consumer did not need before',
  on: 'security-added',
  match: (delta) => ({ message: `now requires ${String(delta.after)}${delta.wasAnonymous === true ? ' (anonymous access before)' : ''}` }),
});
