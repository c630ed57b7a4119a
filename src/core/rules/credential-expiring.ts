// Rule credential-expiring: the connector's credential expires soon (warning) or has expired (breaking).
import { defineRule } from '../define-rule.js';

/**
 * Tokens are issued for 90 days and nobody puts the date in a calendar. On day 91 the sync fails with 401 at 3 a.m.;
 * two weeks' notice turns an incident into a routine rotation.
 */
export default defineRule({
  id: 'credential-expiring',
  severity: 'warning',
  summary: 'the credential (`auth.expiresAt`, or the JWT `exp` of the env var) expires within 14 days; breaking once expired',
  match(delta) {
    if (delta.location !== 'auth' || delta.kind !== 'credential-expiring') return null;
    const detail = delta.detail ?? {};
    const env = String(detail['env'] ?? '?');
    const at = String(detail['expiresAt'] ?? delta.after).slice(0, 10);
    const from = detail['source'] === 'jwt' ? 'JWT exp claim' : 'auth.expiresAt';
    const days = Number(detail['daysLeft']);
    if (detail['expired'] === true) {
      return { message: `credential in $${env} expired on ${at} (${from}): rotate it now`, severity: 'breaking' };
    }
    const left = days <= 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`;
    return { message: `credential in $${env} expires ${left}, on ${at} (${from}): rotate it before then` };
  },
});
