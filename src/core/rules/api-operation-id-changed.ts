// Rule api-operation-id-changed: an operation's operationId changed (generated clients rename the method).
import { defineRule } from '../define-rule.js';

/**
 * The connector calls the vendor through a generated SDK; SDK method names follow `operationId`. Regenerating the client
 * renames `listInvoices` to `getInvoices`, and the build breaks. Plain HTTP calls are unaffected.
 */
export default defineRule({
  id: 'api-operation-id-changed',
  severity: 'info',
  summary: "an operation's operationId changed (generated clients rename the method)",
  on: 'operation-id-changed',
  match: (delta) => ({ message: `operationId ${String(delta.before)} -> ${String(delta.after)} (generated clients rename the method)` }),
});
