// The auth check: 401/403s in this run's samples, credential expiry (declared or JWT exp), sharing, TLS certificate
// expiry, and refresh tokens the vendor rotated.
import { certificateDeltas, probeCertificate, type CertificateProbe } from '../../auth-drift/tls-probe.js';
import { authRejectedDeltas, credentialExpiryDeltas, sharedCredentialDeltas } from '../../auth-drift/credentials.js';
import { refreshTokenRotatedDeltas } from '../../auth-drift/rotation.js';
import type { Observation } from '../../core/classify.js';
import { policyFor } from '../../core/ownership.js';
import { loadProjectFacts } from '../../owners/project.js';
import type { CheckInput, CheckOutput, ConnectorCheck } from './check.js';

export interface AuthCheckOptions {
  /** TLS handshake budget for the certificate probe. */
  tlsTimeoutMs?: number;
  /** Replaces the real probe (tests). */
  probe?: (baseUrl: string, options: { timeoutMs?: number }) => Promise<CertificateProbe>;
}

export function createAuthCheck(options: AuthCheckOptions = {}): ConnectorCheck {
  const probe = options.probe ?? probeCertificate;
  return {
    name: 'auth',
    async run({ root, connector, outcomes, env, now }: CheckInput): Promise<CheckOutput> {
      const facts = await loadProjectFacts(root);
      const all = facts.connectors.some((c) => c.name === connector.name)
        ? facts.connectors.map((c) => (c.name === connector.name ? connector : c))
        : [...facts.connectors, connector];
      const policy = policyFor(facts.registry, connector.name);

      const tls = await probe(connector.baseUrl, options.tlsTimeoutMs !== undefined ? { timeoutMs: options.tlsTimeoutMs } : {});
      const wide = [
        ...credentialExpiryDeltas(connector, env, now, policy.credentialWarnDays),
        ...sharedCredentialDeltas(connector, all),
        ...certificateDeltas(tls, now, policy.tlsWarnDays),
        ...refreshTokenRotatedDeltas(outcomes),
      ];
      const observations: Observation[] = wide.map((delta) => ({ source: 'auth', endpoint: '*', delta }));
      for (const { endpoint, ...delta } of authRejectedDeltas(connector, outcomes, all)) observations.push({ source: 'auth', endpoint, delta });

      const observed: CheckOutput['observed'] = [];
      // An unreachable host must not "resolve" a certificate finding: the connector-wide scope counts only when probed.
      if (tls.ok !== false) observed.push({ connector: connector.name, endpoint: '*', source: 'auth' });
      // Only an answer, or a 401/403, says anything about the credential: a 503 during an outage must not "resolve" it.
      const judged = new Set(outcomes.filter((o) => o.ok || o.failure.kind === 'auth-rejected').map((o) => (o.ok ? o.sample.endpoint : o.failure.endpoint)));
      for (const endpoint of judged) observed.push({ connector: connector.name, endpoint, source: 'auth' });
      return { observations, errors: [], observed };
    },
  };
}

export const authCheck: ConnectorCheck = createAuthCheck();
