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
  match(delta) {
    if (delta.location !== 'operation' || delta.kind !== 'operation-removed') return null;
    return { message: `${String(delta.before)} was removed${delta.detail?.deprecated === true ? ' (it was deprecated)' : ''}` };
  },
});
