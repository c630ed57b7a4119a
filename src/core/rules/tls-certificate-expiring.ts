// Rule tls-certificate-expiring: the vendor host's TLS certificate expires soon (warning) or has expired (breaking).
import { defineRule } from '../define-rule.js';

/**
 * The vendor forgets to renew the certificate on their API host (or pins a new chain). Every TLS handshake fails and
 * the sync stops; three weeks' notice gives time to open a ticket with the vendor before it happens.
 */
export default defineRule({
  id: 'tls-certificate-expiring',
  severity: 'warning',
  summary: "the vendor host's TLS certificate (read with node:tls), or the connector's own mTLS client certificate, expires within 21 days; breaking once expired",
  on: 'tls-certificate-expiring',
  match: (delta) => {
    const at = delta.validTo.slice(0, 10);
    if (delta.role === 'client') {
      // The connector's own mTLS certificate: renewing it is the team's job, not the vendor's.
      const which = `client certificate in $${delta.env ?? '?'}`;
      if (delta.expired) return { message: `${which} expired on ${at}: the vendor refuses the handshake until it is renewed`, severity: 'breaking' };
      const left = delta.daysLeft <= 0 ? 'today' : `in ${delta.daysLeft} day${delta.daysLeft === 1 ? '' : 's'}`;
      return { message: `${which} expires ${left}, on ${at}: renew it and update the secret before then` };
    }
    if (delta.expired) return { message: `TLS certificate of ${delta.host} expired on ${at}: calls fail the handshake`, severity: 'breaking' };
    const left = delta.daysLeft <= 0 ? 'today' : `in ${delta.daysLeft} day${delta.daysLeft === 1 ? '' : 's'}`;
    return { message: `TLS certificate of ${delta.host} expires ${left}, on ${at}: ask the vendor to renew it` };
  },
});
