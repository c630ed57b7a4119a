// Rule response-content-type-changed: the endpoint answers with a different media type than the snapshot's.
import { defineRule } from '../define-rule.js';

/**
 * The connector JSON-parses the body; when the vendor answers `text/html` (a login page, a maintenance page) or
 * switches to `application/xml`, every parse throws and the sync stops.
 */
export default defineRule({
  id: 'response-content-type-changed',
  severity: 'breaking',
  summary: 'the endpoint answers with a different media type than the snapshot (charset ignored)',
  match(delta) {
    if (delta.location !== 'response' || delta.kind !== 'content-type-changed') return null;
    const show = (v: unknown): string => (typeof v === 'string' ? v : 'none');
    return { message: `content type changed from ${show(delta.before)} to ${show(delta.after)}` };
  },
});
