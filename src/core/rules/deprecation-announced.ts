// Rule deprecation-announced: the vendor says, in a response header, that the endpoint is deprecated (RFC 9745).
import { defineRule } from '../define-rule.js';

const see = (link: string | undefined): string => (link !== undefined ? `; see ${link}` : '');

/**
 * The vendor deprecated the endpoint months ago and said so in a `Deprecation` header nobody reads. The sunset
 * follows, the endpoint stops answering, and the sync breaks on a date that was announced all along. Deprecation is
 * the cheapest time to act: the replacement exists and nothing is broken yet.
 */
export default defineRule({
  id: 'deprecation-announced',
  severity: 'warning',
  summary: 'a response carries `Deprecation` (RFC 9745) or `Link rel="deprecation"`: the endpoint is deprecated, with the date and the link in the message',
  on: 'deprecation-announced',
  match: (delta) => {
    if (delta.date !== undefined) {
      const day = delta.date.slice(0, 10);
      const days = delta.daysFromNow ?? 0;
      if (days > 0) return { message: `the vendor will deprecate this endpoint on ${day}, in ${days} day${days === 1 ? '' : 's'} (Deprecation header): plan the move to its replacement${see(delta.link)}` };
      return { message: `the vendor deprecated this endpoint on ${day} (Deprecation header): plan the move to its replacement before its sunset${see(delta.link)}` };
    }
    if (delta.raw !== undefined) return { message: `the vendor marks this endpoint deprecated (Deprecation: ${JSON.stringify(delta.raw)}, not a date driftwatch can read)${see(delta.link)}` };
    return { message: `the vendor marks this endpoint deprecated (no date given): plan the move to its replacement${see(delta.link)}` };
  },
});
