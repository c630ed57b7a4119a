// mTLS against a real HTTPS vendor that requires a client certificate; the client certificate's expiry watched like the vendor's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientCertificateDeltas, credentialExpiryDeltas, sharedCredentialDeltas } from '../../src/auth-drift/credentials.js';
import { defineConnector, type AuthInput } from '../../src/config/define-connector.js';
import type { Connector, SampleOutcome } from '../../src/core/model.js';
import { sampleConnector } from '../../src/sampler/sample-connector.js';
import { makePki, startMtlsVendor, type MtlsPki, type MtlsVendor } from './mtls-vendor.js';

const DAY = 86_400_000;
let pki: MtlsPki;
let vendor: MtlsVendor;

beforeAll(async () => {
  pki = await makePki(5);
  vendor = await startMtlsVendor(pki);
});
afterAll(async () => {
  await vendor.close();
  await pki.cleanup();
});

const auth: AuthInput = { type: 'mtls', certEnv: 'BANK_CLIENT_CERT', keyEnv: 'BANK_CLIENT_KEY', caEnv: 'BANK_CA' };

function bank(name = 'bank', over: AuthInput = auth): Connector {
  return defineConnector({ name, owner: { name: 'Ana' }, baseUrl: vendor.url, auth: over, endpoints: [{ id: 'accounts', path: '/v1/accounts' }] });
}

async function sampleWith(env: Record<string, string>, connector = bank()): Promise<SampleOutcome> {
  const [outcome] = await sampleConnector(connector, { env, maxAttempts: 1 });
  return outcome!;
}

describe('mtls auth', () => {
  it('presents the client certificate (path) and key (PEM value) and trusts the vendor CA', async () => {
    const before = vendor.clients.length;
    const outcome = await sampleWith({ BANK_CLIENT_CERT: pki.file('client.pem'), BANK_CLIENT_KEY: pki.clientKeyPem, BANK_CA: pki.file('ca.pem') });
    expect(outcome).toMatchObject({ ok: true, sample: { status: 200 } });
    expect(vendor.clients.slice(before)).toEqual(['acme-connector']);
    expect(JSON.stringify(outcome)).not.toContain('PRIVATE KEY');
  });

  it('accepts PEM values with literal \\n (as CI secret stores keep them)', async () => {
    const oneLine = (pem: string): string => pem.trim().split('\n').join('\\n');
    const outcome = await sampleWith({ BANK_CLIENT_CERT: oneLine(pki.clientCertPem), BANK_CLIENT_KEY: oneLine(pki.clientKeyPem), BANK_CA: pki.caPem });
    expect(outcome.ok).toBe(true);
  });

  it('a certificate the vendor does not trust fails the handshake: a tls failure, not drift', async () => {
    const outcome = await sampleWith({ BANK_CLIENT_CERT: pki.strangerCertPem, BANK_CLIENT_KEY: pki.strangerKeyPem, BANK_CA: pki.caPem });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(['tls', 'connection']).toContain(outcome.failure.kind);
    if (outcome.failure.kind === 'connection') expect(outcome.failure.message).toContain('also how a vendor refuses the client certificate in $BANK_CLIENT_CERT');
  });

  it('a key that does not belong to the certificate is a config failure before any request, naming the env vars', async () => {
    const before = vendor.clients.length;
    const outcome = await sampleWith({ BANK_CLIENT_CERT: pki.clientCertPem, BANK_CLIENT_KEY: pki.strangerKeyPem, BANK_CA: pki.caPem });
    expect(outcome).toMatchObject({ ok: false, failure: { kind: 'config', attempts: 0 } });
    if (outcome.ok) return;
    expect(outcome.failure.message).toBe('mTLS: the key in $BANK_CLIENT_KEY does not belong to the certificate in $BANK_CLIENT_CERT: no request made');
    expect(vendor.clients.length).toBe(before);
  });

  it('an env var holding neither PEM nor a readable path is named, and its value never repeated', async () => {
    const value = 'MIIBkTCB+wIJAKHBfpegPjMCMA0GCSqGSIb3DQEBCwUAMBExDzANBgNVBAMMBnNlY3JldA';
    const outcome = await sampleWith({ BANK_CLIENT_CERT: pki.clientCertPem, BANK_CLIENT_KEY: value, BANK_CA: pki.caPem });
    expect(outcome).toMatchObject({ ok: false, failure: { kind: 'config' } });
    if (outcome.ok) return;
    expect(outcome.failure.message).toContain('$BANK_CLIENT_KEY holds neither a PEM private key nor the path of a readable file (ENOENT)');
    expect(outcome.failure.message).not.toContain(value);
  });

  it('fails auth-missing when the key env var is unset', async () => {
    const outcome = await sampleWith({ BANK_CLIENT_CERT: pki.clientCertPem });
    expect(outcome).toMatchObject({ ok: false, failure: { kind: 'auth-missing' } });
  });
});

describe('client certificate expiry', () => {
  const env = (): Record<string, string> => ({ BANK_CLIENT_CERT: pki.file('client.pem'), BANK_CLIENT_KEY: pki.clientKeyPem });

  it('is a tls-certificate-expiring delta inside the window, expired once past it, silent before it', () => {
    const now = new Date();
    const [delta] = clientCertificateDeltas(bank(), env(), now, 14);
    expect(delta).toMatchObject({
      kind: 'tls-certificate-expiring',
      location: 'auth',
      path: 'tls.client.BANK_CLIENT_CERT',
      role: 'client',
      env: 'BANK_CLIENT_CERT',
      host: 'client certificate $BANK_CLIENT_CERT',
      subject: 'acme-connector',
      issuer: 'driftwatch test CA',
      expired: false,
      daysLeft: 4,
    });
    expect(clientCertificateDeltas(bank(), env(), new Date(now.getTime() + 6 * DAY), 14)[0]).toMatchObject({ expired: true });
    expect(clientCertificateDeltas(bank(), env(), now, 3)).toEqual([]);
  });

  it('comes with the credential deltas the auth check already asks for, and nothing for other auth types', () => {
    expect(credentialExpiryDeltas(bank(), env(), new Date(), 14).map((d) => d.path)).toEqual(['tls.client.BANK_CLIENT_CERT']);
    expect(clientCertificateDeltas(bank('x', { type: 'bearer', tokenEnv: 'T' }), { T: 'x' }, new Date(), 14)).toEqual([]);
    expect(clientCertificateDeltas(bank(), { BANK_CLIENT_KEY: 'k' }, new Date(), 14)).toEqual([]);
  });

  it('two connectors trusting one CA share nothing; sharing a key is a shared credential', () => {
    const a = bank('a');
    const b = bank('b', { type: 'mtls', certEnv: 'OTHER_CERT', keyEnv: 'OTHER_KEY', caEnv: 'BANK_CA' });
    const c = bank('c', { type: 'mtls', certEnv: 'C_CERT', keyEnv: 'BANK_CLIENT_KEY' });
    expect(sharedCredentialDeltas(a, [a, b])).toEqual([]);
    expect(sharedCredentialDeltas(a, [a, b, c]).map((d) => d.path)).toEqual(['auth.BANK_CLIENT_KEY']);
  });
});
