// Rule response-format-changed: a response string field no longer matches the format it always had.
import { defineRule } from '../define-rule.js';
import { statedWording } from '../describe.js';
import { noveltyIsChange } from '../policy.js';

/**
 * The connector parses `created_at` as an ISO date-time; when the vendor switches to `"03/11/2026"` or drops the
 * time zone, dates parse as Invalid Date or shift by hours, and reports quietly use the wrong day.
 */
export default defineRule({
  id: 'response-format-changed',
  severity: 'warning',
  summary: 'a response string field stopped matching its format (date-time, date, email, uri, uuid) more often than chance allows',
  on: 'format-changed',
  match: (delta, ctx) => {
    const v = delta.values;
    if (v !== undefined && !noveltyIsChange(v.matched, v.otherNow, v.seenNow)) return null;
    const after = delta.after === null ? 'no recognised format' : `"${delta.after}"`;
    const seen = v === undefined ? '' : ` (${v.matched} earlier values matched, ${v.otherNow} of ${v.seenNow} now do not)`;
    return {
      message: statedWording(delta, ctx, {
        seen: `${delta.path} changed format from "${delta.before}" to ${after}${seen}`,
        spec: `${delta.path} does not match the format "${delta.before}" the vendor's spec documents`,
        pact: `expects ${delta.path} in the format "${delta.before}"; the vendor sends ${after}`,
      }),
    };
  },
});
