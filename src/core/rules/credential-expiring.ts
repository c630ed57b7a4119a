// Rule credential-expiring: the connector's credential expires soon (warning) or has expired (breaking).
import { defineRule } from '../define-rule.js';

/**
 * Tokens are issued for 90 days and nobody puts the date in a calendar. On day 91 the sync fails with 401 at 3 a.m.;
 * two weeks' notice turns an incident into a routine rotation.
 */
export default defineRule({
  id: 'credential-expiring',
  severity: 'warning',
  summary: 'the credential (`auth.expiresAt`, the JWT `exp` of the env var, or a client certificate) expires within 14 days; breaking once expired',
  on: 'credential-expiring',
  match: (delta) => {
    const at = delta.expiresAt.slice(0, 10);
    const from = delta.source === 'jwt' ? 'JWT exp claim' : delta.source === 'certificate' ? 'client certificate' : 'auth.expiresAt';
    if (delta.expired) return { message: `credential in $${delta.env} expired on ${at} (${from}): rotate it now`, severity: 'breaking' };
    const left = delta.daysLeft <= 0 ? 'today' : `in ${delta.daysLeft} day${delta.daysLeft === 1 ? '' : 's'}`;
    return { message: `credential in $${delta.env} expires ${left}, on ${at} (${from}): rotate it before then` };
  },
});
