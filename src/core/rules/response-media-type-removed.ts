// Rule response-media-type-removed: a media type the old spec documented for a response is gone from the new spec.
import { defineRule } from '../define-rule.js';

/**
 * The connector asks for and parses `application/json`; the new spec only offers `application/vnd.ledgerly.v2+json`. The
 * next deploy of the vendor may answer 406 or a body shaped for the new media type.
 */
export default defineRule({
  id: 'response-media-type-removed',
  severity: 'breaking',
  summary: 'a response media type (e.g. application/json) was removed for a status',
  on: 'media-type-removed',
  match: (delta) => {
    const now = Array.isArray(delta.after) && delta.after.length > 0 ? ` (now: ${delta.after.map(String).join(', ')})` : '';
    const status = /^response (\S+)/.exec(delta.path)?.[1];
    return { message: `${String(delta.before)} was removed from the ${status ? `${status} ` : ''}response${now}` };
  },
});
