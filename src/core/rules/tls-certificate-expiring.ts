// Rule tls-certificate-expiring: the vendor host's TLS certificate expires soon (warning) or has expired (breaking).
import { defineRule } from '../define-rule.js';

/**
 * The vendor forgets to renew the certificate on their API host (or pins a new chain). Every TLS handshake fails and
 * the sync stops; three weeks' notice gives time to open a ticket with the vendor before it happens.
 */
export default defineRule({
  id: 'tls-certificate-expiring',
  severity: 'warning',
  summary: "the vendor host's TLS certificate expires within 21 days (read with node:tls); breaking once expired",
  match(delta) {
    if (delta.location !== 'auth' || delta.kind !== 'tls-certificate-expiring') return null;
    const detail = delta.detail ?? {};
    const host = String(detail['host'] ?? '?');
    const at = String(detail['validTo'] ?? delta.after).slice(0, 10);
    const days = Number(detail['daysLeft']);
    if (detail['expired'] === true) {
      return { message: `TLS certificate of ${host} expired on ${at}: calls fail the handshake`, severity: 'breaking' };
    }
    const left = days <= 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`;
    return { message: `TLS certificate of ${host} expires ${left}, on ${at}: ask the vendor to renew it` };
  },
});
