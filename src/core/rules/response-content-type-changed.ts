// Rule response-content-type-changed: the endpoint answers with a different media type than the snapshot's.
import { defineRule } from '../define-rule.js';

/**
 * The connector JSON-parses the body; when the vendor answers `text/html` (a login page, a maintenance page) or
 * switches to `application/xml`, every parse throws and the sync stops.
 */
export default defineRule({
  id: 'response-content-type-changed',
  severity: 'breaking',
  summary: "the endpoint answers with a media type other than the accepted snapshot's or the spec's (charset ignored)",
  on: 'content-type-changed',
  match: (delta) => {
    const before = delta.before.length > 0 ? delta.before.join(' or ') : 'none';
    if (delta.by === 'spec') return { message: `content type ${delta.after ?? 'none'} is not documented by the vendor's spec (it lists ${before})` };
    return { message: `content type changed from ${before} to ${delta.after ?? 'none'}` };
  },
});
