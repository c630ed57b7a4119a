// Rule request-parameter-removed: a documented parameter is gone from the operation.
import { defineRule } from '../define-rule.js';

/**
 * The connector filters with `?status=open`; the parameter is no longer documented. The vendor may now ignore it (the sync
 * silently pulls every invoice) or reject it.
 */
export default defineRule({
  id: 'request-parameter-removed',
  severity: 'warning',
  summary: 'a parameter was removed from an operation',
  on: 'parameter-removed',
  match: (delta) => ({ message: `${delta.path} was removed` }),
});
