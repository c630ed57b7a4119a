// Rule pact-spec-mismatch: a consumer contract asks for something the vendor's published OpenAPI spec does not offer.
import { defineRule } from '../define-rule.js';

/**
 * The connector's contract expects `GET /v1/refunds`, a 200 with `amount_cents`, or sends a body the vendor's spec
 * rejects. The code was written against a guess, not the vendor's API: it will fail on the first real call, or it
 * already depends on an undocumented behaviour the vendor may drop any day without a changelog entry.
 */
export default defineRule({
  id: 'pact-spec-mismatch',
  severity: 'breaking',
  summary: "a pact interaction (path, method, status, content type or body) is not allowed by the vendor's OpenAPI spec",
  on: 'pact-spec-mismatch',
  // The comparator's warnings say "could not check", not "contradicts": worth a look, not a red build.
  match: (delta) => (delta.level === 'warning' ? { message: `"${delta.where}": ${delta.message}`, severity: 'warning' } : { message: `"${delta.where}": ${delta.message}` }),
});
