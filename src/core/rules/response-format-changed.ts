// Rule response-format-changed: a response string field no longer matches the format it always had.
import { defineRule } from '../define-rule.js';

/**
 * The connector parses `created_at` as an ISO date-time; when the vendor switches to `"03/11/2026"` or drops the
 * time zone, dates parse as Invalid Date or shift by hours, and reports quietly use the wrong day.
 */
export default defineRule({
  id: 'response-format-changed',
  severity: 'warning',
  summary: 'a response string field no longer matches its format (date-time, date, email, uri, uuid)',
  match(delta) {
    if (delta.location !== 'response' || delta.kind !== 'format-changed') return null;
    const after = typeof delta.after === 'string' ? `"${delta.after}"` : 'no recognised format';
    return { message: `${delta.path} changed format from "${String(delta.before)}" to ${after}` };
  },
});
