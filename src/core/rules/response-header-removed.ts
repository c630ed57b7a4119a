// Rule response-header-removed: a response header was removed (breaking when it was required, a warning when optional).
import { defineRule } from '../define-rule.js';

/**
 * The connector follows `Link` to page and backs off on `X-RateLimit-Remaining`; the header is gone. Paging stops at
 * page one, or the connector hammers the vendor into 429s.
 */
export default defineRule({
  id: 'response-header-removed',
  severity: 'breaking',
  summary: "a response header was removed (breaking when it was required, a warning when optional)",
  on: 'header-removed',
  match: (delta) => ({ message: `${delta.path} was removed${delta.required ? ' (it was required)' : ''}`, ...(delta.required ? {} : { severity: 'warning' as const }) }),
});
