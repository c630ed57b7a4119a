// Rule request-body-added: an operation now documents an optional request body.
import { defineRule } from '../define-rule.js';
import { describeValues } from '../describe.js';

/**
 * The vendor now accepts a body where there was none. Nothing the connector sends breaks.
 */
export default defineRule({
  id: 'request-body-added',
  severity: 'info',
  summary: "an operation now documents an optional request body",
  on: 'body-added',
  match: (delta) => ({ message: `${delta.path} may now be sent (${describeValues(delta.after ?? [])})` }),
});
