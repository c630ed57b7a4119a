// Rule request-property-type-changed: a request body property no longer accepts a type it accepted before.
import { defineRule } from '../define-rule.js';
import { describeType } from '../describe.js';

/**
 * The connector sends `amount: "12.50"`; the property became an integer (minor units). Payloads are rejected, or worse,
 * misread.
 */
export default defineRule({
  id: 'request-property-type-changed',
  severity: 'breaking',
  summary: "a request body property's type was narrowed",
  on: 'body-type-changed',
  match: (delta) => ({ message: `${delta.path} changed type from ${describeType(delta.before)} to ${describeType(delta.after)}` }),
});
