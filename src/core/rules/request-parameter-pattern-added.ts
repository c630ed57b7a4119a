// Rule request-parameter-pattern-added: a string parameter gained or changed a `pattern`.
import { defineRule } from '../define-rule.js';

/**
 * Ids the connector sends that do not match the new pattern are rejected. Whether the new pattern is narrower cannot be
 * decided automatically, hence a warning.
 */
export default defineRule({
  id: 'request-parameter-pattern-added',
  severity: 'warning',
  summary: 'a parameter gained (or changed) a pattern',
  on: 'parameter-pattern-added',
  match: (delta) => ({ message: `${delta.path} must now match ${String(delta.after)}${typeof delta.before === 'string' ? ` (was ${delta.before})` : ''}` }),
});
