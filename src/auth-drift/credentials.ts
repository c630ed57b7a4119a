// Credential findings as deltas: expiry (declared or JWT exp read from the env at run time), sharing, and 401/403s.
import type { AuthRejected } from '../core/deltas.js';
import type { AuthConfig, Connector, Delta, SampleOutcome } from '../core/model.js';
import { daysBetween } from '../core/ownership.js';
import { credentialEnvNames } from '../core/auth-env-names.js';
import { readClientCertificate } from '../sampler/mtls.js';
import { readJwtExpiry } from './jwt.js';
import { expiringCertificateDeltas } from './tls-probe.js';

/** The env var that holds the secret itself (for basic auth, the password): the one that expires. */
function secretEnvName(auth: AuthConfig): string | undefined {
  switch (auth.type) {
    case 'none':
      return undefined;
    case 'bearer':
      return auth.tokenEnv;
    case 'header':
    case 'query':
      return auth.valueEnv;
    case 'basic':
      return auth.passwordEnv;
    case 'oauth2-client-credentials':
      return auth.clientSecretEnv;
    case 'oauth2-refresh-token':
      return auth.refreshTokenEnv;
    case 'mtls':
      return auth.certEnv;
  }
}

export interface CredentialExpiry {
  env: string;
  expiresAt: Date;
  source: 'expiresAt' | 'jwt';
}

/**
 * When the connector's credential stops working: the earlier of `auth.expiresAt` and the JWT `exp` claim of the
 * env var's value. The value is read here and dropped; only the date leaves this function.
 */
export function credentialExpiry(connector: Connector, env: Readonly<Record<string, string | undefined>>): CredentialExpiry | undefined {
  const name = secretEnvName(connector.auth);
  if (name === undefined) return undefined;
  const candidates: CredentialExpiry[] = [];
  const declared = 'expiresAt' in connector.auth ? connector.auth.expiresAt : undefined;
  if (declared !== undefined) {
    const at = new Date(declared);
    if (!Number.isNaN(at.getTime())) candidates.push({ env: name, expiresAt: at, source: 'expiresAt' });
  }
  const value = env[name];
  const exp = value ? readJwtExpiry(value) : null;
  if (exp) candidates.push({ env: name, expiresAt: exp, source: 'jwt' });
  candidates.sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime());
  return candidates[0];
}

/**
 * A `credential-expiring` delta when the credential expires within `warnDays` of `now`, or already has; for an mTLS
 * connector, also the client certificate's own expiry, watched like the vendor's certificate.
 */
export function credentialExpiryDeltas(
  connector: Connector,
  env: Readonly<Record<string, string | undefined>>,
  now: Date,
  warnDays: number,
): Delta[] {
  return [...declaredExpiryDeltas(connector, env, now, warnDays), ...clientCertificateDeltas(connector, env, now, warnDays)];
}

/** The client certificate of an mTLS connector, read from its env var (PEM or path) at run time; nothing is kept. */
export function clientCertificateDeltas(connector: Connector, env: Readonly<Record<string, string | undefined>>, now: Date, warnDays: number): Delta[] {
  if (connector.auth.type !== 'mtls') return [];
  const certificate = readClientCertificate(connector.auth, env);
  if (!certificate) return [];
  const validTo = new Date(certificate.validTo);
  if (Number.isNaN(validTo.getTime())) return [];
  const certEnv = connector.auth.certEnv;
  return expiringCertificateDeltas(
    { role: 'client', env: certEnv, host: `client certificate $${certEnv}`, validTo, subject: commonName(certificate.subject), issuer: commonName(certificate.issuer) },
    `tls.client.${certEnv}`,
    now,
    warnDays,
  );
}

/** `CN=acme-client\nO=Acme` -> `acme-client`. */
function commonName(distinguished: string): string {
  return /(?:^|\n)CN=([^\n]*)/.exec(distinguished)?.[1] ?? '';
}

function declaredExpiryDeltas(connector: Connector, env: Readonly<Record<string, string | undefined>>, now: Date, warnDays: number): Delta[] {
  const expiry = credentialExpiry(connector, env);
  if (!expiry) return [];
  const msLeft = expiry.expiresAt.getTime() - now.getTime();
  const daysLeft = daysBetween(now, expiry.expiresAt);
  if (msLeft > warnDays * 86_400_000) return [];
  return [
    {
      kind: 'credential-expiring',
      location: 'auth',
      path: `auth.${expiry.env}`,
      // The date is stable across runs (the drift is the same until someone rotates); days left go in the message.
      after: expiry.expiresAt.toISOString(),
      env: expiry.env,
      expiresAt: expiry.expiresAt.toISOString(),
      daysLeft,
      expired: msLeft <= 0,
      source: expiry.source,
      warnDays,
    },
  ];
}

/** Other connectors reading any of the same env vars, by env var name. */
export function sharedWith(connector: Connector, all: readonly Connector[]): Map<string, string[]> {
  const shared = new Map<string, string[]>();
  for (const name of credentialEnvNames(connector.auth)) {
    const others = all.filter((c) => c.name !== connector.name && credentialEnvNames(c.auth).includes(name)).map((c) => c.name);
    if (others.length > 0) shared.set(name, others.sort());
  }
  return shared;
}

/** A `credential-shared` delta per env var this connector shares with others. */
export function sharedCredentialDeltas(connector: Connector, all: readonly Connector[]): Delta[] {
  return [...sharedWith(connector, all)].map(([env, others]) => ({
    kind: 'credential-shared',
    location: 'auth',
    path: `auth.${env}`,
    after: [connector.name, ...others].sort(),
    env,
    connectors: [connector.name, ...others].sort(),
    others,
  }));
}

/** An `auth-rejected` delta per endpoint the vendor answered with 401/403 this run. */
export function authRejectedDeltas(connector: Connector, outcomes: readonly SampleOutcome[], all: readonly Connector[]): Array<AuthRejected & { endpoint: string }> {
  const envs = credentialEnvNames(connector.auth);
  const shared = sharedWith(connector, all);
  const alsoAffected = [...new Set([...shared.values()].flat())].sort();
  const out: Array<AuthRejected & { endpoint: string }> = [];
  for (const outcome of outcomes) {
    if (outcome.ok || outcome.failure.kind !== 'auth-rejected') continue;
    out.push({
      endpoint: outcome.failure.endpoint,
      kind: 'auth-rejected',
      location: 'auth',
      path: 'auth',
      after: outcome.failure.status ?? null,
      status: outcome.failure.status ?? null,
      env: envs,
      authType: connector.auth.type,
      sharedWith: alsoAffected,
    });
  }
  return out;
}
