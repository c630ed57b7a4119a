// Rule response-success-status-removed: a documented 2xx response of an operation is gone from the new spec.
import { defineRule } from '../define-rule.js';

/**
 * The connector handles `201 Created` from `POST /v1/invoices`; the new spec only documents `202`. Whatever the vendor
 * now sends, the code path the connector relies on is no longer promised.
 */
export default defineRule({
  id: 'response-success-status-removed',
  severity: 'breaking',
  summary: "a documented success (2xx) status was removed from an operation's responses",
  on: 'success-status-removed',
  match: (delta) => ({ message: `success response ${String(delta.before)} was removed` }),
});
