// Rule api-path-removed: a whole path is gone from the new spec.
import { defineRule } from '../define-rule.js';

/**
 * The connector reads `/v1/invoices/{id}/lines`; the path is gone. The next vendor deploy answers 404 and line items stop
 * syncing. Deprecated first or not, a consumer that still calls it breaks.
 */
export default defineRule({
  id: 'api-path-removed',
  severity: 'breaking',
  summary: 'a path (every operation under it) was removed from the spec',
  on: 'path-removed',
  match: (delta) => ({ message: `${String(delta.before)} was removed (its path is gone${delta.deprecated === true ? '; it was deprecated' : ''})` }),
});
