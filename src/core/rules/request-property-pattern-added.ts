// Rule request-property-pattern-added: a request body string property gained or changed a `pattern`.
import { defineRule } from '../define-rule.js';

/**
 * Values the connector sends that do not match the new pattern are rejected; narrower or not cannot be decided
 * automatically, hence a warning.
 */
export default defineRule({
  id: 'request-property-pattern-added',
  severity: 'warning',
  summary: 'a request body property gained (or changed) a pattern',
  on: 'body-pattern-added',
  match: (delta) => ({ message: `${delta.path} must now match ${String(delta.after)}${typeof delta.before === 'string' ? ` (was ${delta.before})` : ''}` }),
});
