// Rule response-non-success-status-removed: a documented non-success status was removed.
import { defineRule } from '../define-rule.js';

/**
 * The spec no longer lists `404` for an operation. The connector's handling of it becomes dead code, or the vendor now
 * answers the same case with another status.
 */
export default defineRule({
  id: 'response-non-success-status-removed',
  severity: 'info',
  summary: "a documented non-success status was removed",
  on: 'status-removed',
  match: (delta) => ({ message: `${delta.path} is no longer documented` }),
});
