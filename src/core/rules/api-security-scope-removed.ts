// Rule api-security-scope-removed: an operation requires fewer OAuth scopes.
import { defineRule } from '../define-rule.js';
import { describeValues } from '../describe.js';

/**
 * The operation no longer needs `invoices:admin`. The connector's token keeps working; it may be narrowed.
 */
export default defineRule({
  id: 'api-security-scope-removed',
  severity: 'info',
  summary: "an operation requires fewer OAuth scopes",
  on: 'security-scope-removed',
  match: (delta) => ({ message: `${delta.path} no longer requires scope(s) ${describeValues(delta.before ?? [])}` }),
});
