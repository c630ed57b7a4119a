// Rule spec-operation-missing: a sampled endpoint matches no operation of the vendor's OpenAPI spec.
import { defineRule } from '../define-rule.js';

/**
 * The connector calls `GET /v1/invoices/export`, which the vendor never documented (or dropped from its docs). Undocumented
 * endpoints change or vanish without a changelog entry: the nightly sync fails one morning and nobody was warned.
 */
export default defineRule({
  id: 'spec-operation-missing',
  severity: 'warning',
  summary: "a sampled endpoint has no operation in the vendor's spec (method + path template)",
  on: 'operation-missing',
  match: (delta) => ({ message: `${delta.request} matches no operation in the spec (${delta.spec})` }),
});
