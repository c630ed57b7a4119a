// Rule response-status-added: an operation documents a new status; a new success status is a warning.
import { defineRule } from '../define-rule.js';

/**
 * The vendor documents a new `202 Accepted` for large exports: the connector that expects `200` with the rows gets an
 * empty answer and writes nothing. A new error status is information.
 */
export default defineRule({
  id: 'response-status-added',
  severity: 'info',
  summary: "an operation documents a new status; a new success status is a warning",
  on: 'status-added',
  match: (delta) => ({ message: `${delta.path} is newly documented`, ...(/^2/.test(String(delta.after)) ? { severity: 'warning' as const } : {}) }),
});
