// Rule sunset-announced: the vendor names the date the endpoint stops answering (RFC 8594); breaking inside the window.
import { defineRule } from '../define-rule.js';

const see = (link: string | undefined): string => (link !== undefined ? `; see ${link}` : '');

/**
 * A `Sunset` header is the vendor saying when the endpoint goes away. Weeks out it is a planning item; inside the
 * connector's `sunsetWarnDays` window (default 30) there is barely time to ship the migration, and past the date the
 * endpoint may vanish on any night.
 */
export default defineRule({
  id: 'sunset-announced',
  severity: 'warning',
  summary: 'a response carries `Sunset` (RFC 8594) or `Link rel="sunset"`: the date the endpoint stops answering; breaking within the connector\'s `sunsetWarnDays` (default 30) or once past',
  on: 'sunset-announced',
  match: (delta) => {
    if (delta.date === undefined) {
      const what = delta.raw !== undefined ? ` (Sunset: ${JSON.stringify(delta.raw)}, not a date driftwatch can read)` : ' (no date given)';
      return { message: `the vendor announces a sunset for this endpoint${what}: ask the vendor for the date${see(delta.link)}` };
    }
    const day = delta.date.slice(0, 10);
    const days = delta.daysLeft ?? 0;
    if (days < 0) {
      return { message: `the vendor's sunset date for this endpoint, ${day}, has passed: it may stop answering any night; move off it now${see(delta.link)}`, severity: 'breaking' };
    }
    const left = days <= 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`;
    if (delta.imminent) {
      return { message: `the vendor switches this endpoint off on ${day} (Sunset header), ${left}, inside the connector's ${delta.warnDays}-day window: move off it now${see(delta.link)}`, severity: 'breaking' };
    }
    return { message: `the vendor switches this endpoint off on ${day} (Sunset header), ${left}: plan the move before then${see(delta.link)}` };
  },
});
