// Rule spec-response-status-undocumented: the live status code is not documented for the operation (no exact code, range or default).
import { defineRule } from '../define-rule.js';

/**
 * The spec documents `200` only; the vendor now answers `202 Accepted` with an empty body. A client generated from the spec
 * has no branch for it and treats the invoice as missing.
 */
export default defineRule({
  id: 'spec-response-status-undocumented',
  severity: 'breaking',
  summary: 'the vendor answered with a status its spec does not document for the operation',
  match(delta) {
    if (delta.location !== 'response' || delta.kind !== 'status-undocumented') return null;
    return { message: `status ${String(delta.after)} is not documented (spec lists ${Array.isArray(delta.before) ? delta.before.join(', ') : 'none'})` };
  },
});
