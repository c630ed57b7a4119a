// verify --live authenticates like sampling: an OAuth2 token from a real local token endpoint, and a client certificate
// presented to an HTTPS vendor that requires one (through the local proxy); refusals send nothing and leak nothing.
import { join } from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verify, type VerifyResult } from '../../src/app/verify.js';
import { sharedTokenCache } from '../../src/sampler/oauth2.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { makePki, startMtlsVendor, type MtlsPki, type MtlsVendor } from './mtls-vendor.js';
import { startOAuthWorld, type OAuthWorld } from './token-server.js';

const NOW = new Date('2026-11-23T09:00:00Z');
const CLIENT_SECRET = 'cs_planted_verify_secret_2718';
const { eachLike, string } = MatchersV3;

/** A pact of one GET interaction: what the consumer reads of `path`. */
async function writePact(dir: string, provider: string, description: string, path: string): Promise<void> {
  const pact = new PactV4({ consumer: 'erp-sync', provider, dir, logLevel: 'error' });
  await pact
    .addInteraction()
    .uponReceiving(description)
    .withRequest('GET', path)
    .willRespondWith(200, (b) => b.jsonBody({ data: eachLike({ id: string('x_1') }) }))
    .executeTest(async (mock) => {
      await fetch(`${mock.url}${path}`);
    });
}

const statusOf = (result: VerifyResult, description: string) => result.connectors.flatMap((c) => c.interactions).find((i) => i.description === description)?.status;

describe('verify --live with OAuth2 client credentials', () => {
  let world: OAuthWorld;
  let root: TempRoot;
  const env = { CRM_CLIENT_ID: 'crm-client', CRM_CLIENT_SECRET: CLIENT_SECRET };

  beforeAll(async () => {
    sharedTokenCache.clear();
    [world, root] = await Promise.all([startOAuthWorld({ clientId: 'crm-client', clientSecret: CLIENT_SECRET, refreshToken: 'unused' }), makeTempRoot('driftwatch-verify-oauth-')]);
    await root.writeConnector('crm', connectorBody(world.server.url, [{ id: 'things', path: '/v1/things' }], {
      auth: { type: 'oauth2-client-credentials', tokenUrl: world.tokenUrl, clientIdEnv: 'CRM_CLIENT_ID', clientSecretEnv: 'CRM_CLIENT_SECRET' },
    }));
    await writePact(join(root.dir, 'contracts', 'pacts'), 'crm', 'the things', '/v1/things');
  });
  afterAll(async () => {
    await world.close();
    await root.cleanup();
    sharedTokenCache.clear();
  });

  it('fetches a token and sends it: the interaction passes against the vendor, and the token is in no output', async () => {
    const result = await verify({ root: root.dir, env, now: () => NOW, live: true, timeoutMs: 5_000 });
    expect(result.errors).toEqual([]);
    expect(statusOf(result, 'the things')).toBe('passed');
    expect(world.tokenRequests).toHaveLength(1);
    const calls = world.server.requests.filter((r) => r.url.pathname === '/v1/things');
    expect(calls.map((r) => r.headers.authorization)).toEqual([`Bearer ${world.issued[0]}`]);
    const text = JSON.stringify(result);
    for (const secret of [CLIENT_SECRET, ...world.issued]) expect(text).not.toContain(secret);
  });

  it('a refused client is an auth-rejected error naming the env vars; the vendor API sees no request', async () => {
    sharedTokenCache.clear();
    const before = world.server.requests.filter((r) => r.url.pathname === '/v1/things').length;
    const result = await verify({ root: root.dir, env: { ...env, CRM_CLIENT_SECRET: 'cs_wrong_planted_9999' }, now: () => NOW, live: true, timeoutMs: 5_000 });
    expect(result.errors).toEqual([
      expect.objectContaining({ connector: 'crm', kind: 'auth-rejected', message: expect.stringContaining('verify --live: token endpoint') }),
    ]);
    expect(result.errors[0]!.message).toContain('$CRM_CLIENT_ID / $CRM_CLIENT_SECRET');
    expect(JSON.stringify(result)).not.toContain('cs_wrong_planted_9999');
    expect(world.server.requests.filter((r) => r.url.pathname === '/v1/things').length).toBe(before);
  });
});

describe('verify --live with mTLS', () => {
  let pki: MtlsPki;
  let bank: MtlsVendor;
  let root: TempRoot;

  beforeAll(async () => {
    [pki, root] = await Promise.all([makePki(30), makeTempRoot('driftwatch-verify-mtls-')]);
    bank = await startMtlsVendor(pki);
    await root.writeConnector('bank', connectorBody(bank.url, [{ id: 'accounts', path: '/v1/accounts' }], {
      auth: { type: 'mtls', certEnv: 'BANK_CERT', keyEnv: 'BANK_KEY', caEnv: 'BANK_CA' },
    }));
    await writePact(join(root.dir, 'contracts', 'pacts'), 'bank', 'the accounts', '/v1/accounts');
  }, 60_000);
  afterAll(async () => {
    await bank.close();
    await Promise.all([pki.cleanup(), root.cleanup()]);
  });

  it('presents the client certificate (the vendor refuses the handshake otherwise) and keeps the key in this process', async () => {
    const env = { BANK_CERT: pki.clientCertPem, BANK_KEY: pki.clientKeyPem, BANK_CA: pki.file('ca.pem') };
    const result = await verify({ root: root.dir, env, now: () => NOW, live: true, timeoutMs: 5_000 });
    expect(result.errors).toEqual([]);
    expect(statusOf(result, 'the accounts')).toBe('passed');
    expect(bank.clients).toEqual(['acme-connector']);
    const keyLines = pki.clientKeyPem.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'));
    const text = JSON.stringify(result);
    for (const line of keyLines) expect(text).not.toContain(line);
  });

  it('a certificate the vendor does not trust is a connection error naming the certificate, never contract drift', async () => {
    const env = { BANK_CERT: pki.strangerCertPem, BANK_KEY: pki.strangerKeyPem, BANK_CA: pki.file('ca.pem') };
    const result = await verify({ root: root.dir, env, now: () => NOW, live: true, timeoutMs: 5_000 });
    expect(result.changes).toEqual([]);
    expect(result.errors).toEqual([expect.objectContaining({ kind: 'connection', message: expect.stringContaining('refuses the client certificate in $BANK_CERT') })]);
    const skipped = result.connectors.flatMap((c) => c.interactions).find((i) => i.description === 'the accounts')!.skipped;
    expect(skipped.join(' ')).toMatch(/verifier: the vendor was not reached/);
    const text = JSON.stringify(result);
    for (const line of pki.strangerKeyPem.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))) expect(text).not.toContain(line);
  });
});
