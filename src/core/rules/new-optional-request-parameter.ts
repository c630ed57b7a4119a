// Rule new-optional-request-parameter: an operation gained an optional parameter.
import { defineRule } from '../define-rule.js';

/**
 * A new optional filter (`?created[gte]=`) or header: nothing the connector sends breaks. A diff that stays silent about
 * it leaves the owner blind to an option that may make the connector cheaper or correct.
 */
export default defineRule({
  id: 'new-optional-request-parameter',
  severity: 'info',
  summary: "an operation gained an optional parameter",
  on: 'parameter-added-optional',
  match: (delta) => ({ message: `${delta.path} is a new optional parameter` }),
});
