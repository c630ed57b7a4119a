// Rule api-operation-removed: one method of a path that still exists is gone.
import { defineRule } from '../define-rule.js';

/**
 * The connector deletes stale webhooks with `DELETE /v1/webhooks/{id}`; the method is gone. Stale webhooks pile up and
 * fire into a dead endpoint.
 */
export default defineRule({
  id: 'api-operation-removed',
  severity: 'breaking',
  summary: 'an operation (method on a path that still exists) was removed',
  on: 'operation-removed',
  match: (delta) => ({ message: `${String(delta.before)} was removed${delta.deprecated === true ? ' (it was deprecated)' : ''}` }),
});
