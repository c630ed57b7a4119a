// Rule spec-response-content-type-undocumented: the live content type is not documented for the operation's response.
import { defineRule } from '../define-rule.js';

/**
 * The spec says `application/json`; the vendor's edge now answers `text/html` (a login page, a maintenance page) with 200.
 * The connector's JSON parse fails, or worse, an HTML page is stored as data.
 */
export default defineRule({
  id: 'spec-response-content-type-undocumented',
  severity: 'breaking',
  summary: 'the vendor answered with a media type its spec does not document for that status',
  match(delta) {
    if (delta.location !== 'response' || delta.kind !== 'content-type-undocumented') return null;
    return { message: `content type ${String(delta.after ?? 'none')} is not documented (spec lists ${Array.isArray(delta.before) ? delta.before.join(', ') : 'none'})` };
  },
});
