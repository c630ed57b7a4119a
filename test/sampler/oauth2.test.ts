// OAuth2 against a real local token endpoint: client credentials, caching with an injected clock, refresh, rotation, refusals.
import { afterEach, describe, expect, it } from 'vitest';
import { defineConnector, type AuthInput } from '../../src/config/define-connector.js';
import type { Connector, SampleOutcome } from '../../src/core/model.js';
import { sampleConnector } from '../../src/sampler/sample-connector.js';
import { TokenCache } from '../../src/sampler/oauth2.js';
import type { SamplerOptions } from '../../src/sampler/sample-endpoint.js';
import { startOAuthWorld, type OAuthWorld, type OAuthWorldOptions } from './token-server.js';

const CLIENT_ID = 'client_acme_0042';
const CLIENT_SECRET = 'cs_planted_client_secret_9f8e7d';
const REFRESH_TOKEN = 'rt_planted_refresh_token_1a2b3c';
const T0 = Date.parse('2026-11-23T10:00:00.000Z');

const worlds: OAuthWorld[] = [];
afterEach(async () => {
  await Promise.all(worlds.splice(0).map((w) => w.close()));
});

async function world(options: Partial<OAuthWorldOptions> = {}): Promise<OAuthWorld> {
  const w = await startOAuthWorld({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN, ...options });
  worlds.push(w);
  return w;
}

function connectorFor(w: OAuthWorld, auth: AuthInput, endpoints = 1): Connector {
  return defineConnector({
    name: 'crm',
    owner: { name: 'Ana' },
    baseUrl: w.server.url,
    auth,
    endpoints: Array.from({ length: endpoints }, (_, i) => ({ id: `things-${i + 1}`, path: '/v1/things' })),
  });
}

const ccAuth = (w: OAuthWorld, extra: Partial<AuthInput> = {}): AuthInput =>
  ({ type: 'oauth2-client-credentials', tokenUrl: w.tokenUrl, clientIdEnv: 'CRM_CLIENT_ID', clientSecretEnv: 'CRM_CLIENT_SECRET', ...extra }) as AuthInput;
const refreshAuth = (w: OAuthWorld): AuthInput => ({ type: 'oauth2-refresh-token', tokenUrl: w.tokenUrl, refreshTokenEnv: 'CRM_REFRESH_TOKEN' });
const env = { CRM_CLIENT_ID: CLIENT_ID, CRM_CLIENT_SECRET: CLIENT_SECRET, CRM_REFRESH_TOKEN: REFRESH_TOKEN };

/** A clock the test moves, a private token cache, zero-cost waits. */
function clocked(cache = new TokenCache()): SamplerOptions & { at: (ms: number) => void } {
  let now = T0;
  return { env, now: () => new Date(now), tokenCache: cache, random: () => 0.5, baseDelayMs: 1, sleep: async () => {}, at: (ms) => (now = T0 + ms) };
}

function oks(outcomes: SampleOutcome[]): number {
  return outcomes.filter((o) => o.ok).length;
}

function failuresOf(outcomes: SampleOutcome[]) {
  return outcomes.flatMap((o) => (o.ok ? [] : [o.failure]));
}

describe('oauth2-client-credentials', () => {
  it('fetches one token for every endpoint, authenticating with HTTP Basic and sending scopes and audience', async () => {
    const w = await world();
    const connector = connectorFor(w, ccAuth(w, { scopes: ['invoices.read', 'customers.read'], audience: 'https://api.crm.test' }), 4);
    const outcomes = await sampleConnector(connector, clocked());
    expect(oks(outcomes)).toBe(4);
    expect(w.tokenRequests).toHaveLength(1);
    expect(w.tokenRequests[0]).toEqual({
      form: { grant_type: 'client_credentials', scope: 'invoices.read customers.read', audience: 'https://api.crm.test' },
      basic: { id: CLIENT_ID, secret: CLIENT_SECRET },
    });
    const apiCalls = w.server.requests.filter((r) => r.url.pathname === '/v1/things');
    expect(new Set(apiCalls.map((r) => r.headers.authorization))).toEqual(new Set([`Bearer ${w.issued[0]}`]));
  });

  it('can send the client in the form body instead (clientAuth: body)', async () => {
    const w = await world();
    await sampleConnector(connectorFor(w, ccAuth(w, { clientAuth: 'body' })), clocked());
    expect(w.tokenRequests[0]).toEqual({ form: { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET } });
  });

  it('keeps the token in memory for its expires_in and refreshes it a minute before expiry (injected clock)', async () => {
    const w = await world({ expiresIn: 3600 });
    const connector = connectorFor(w, ccAuth(w));
    const options = clocked();
    await sampleConnector(connector, options);
    options.at(30 * 60_000);
    await sampleConnector(connector, options);
    options.at(58 * 60_000 + 59_000);
    await sampleConnector(connector, options);
    expect(w.tokenRequests).toHaveLength(1);
    // Inside the last minute of the token's life: a new one, before the vendor would refuse the old one.
    options.at(59 * 60_000 + 1_000);
    expect(oks(await sampleConnector(connector, options))).toBe(1);
    expect(w.tokenRequests).toHaveLength(2);
    const last = w.server.requests.filter((r) => r.url.pathname === '/v1/things').at(-1)!;
    expect(last.headers.authorization).toBe(`Bearer ${w.issued[1]}`);
  });

  it('fetches a fresh token once when the vendor refuses a cached one (revoked early)', async () => {
    const w = await world();
    const connector = connectorFor(w, ccAuth(w));
    const options = clocked();
    await sampleConnector(connector, options);
    w.revoke();
    const outcomes = await sampleConnector(connector, options);
    expect(oks(outcomes)).toBe(1);
    expect(w.tokenRequests).toHaveLength(2);
  });

  it('turns a refused client (401 invalid_client) into auth-rejected failures naming the env vars, with no API request', async () => {
    const w = await world();
    w.failNext('invalid_client');
    const outcomes = await sampleConnector(connectorFor(w, ccAuth(w), 3), clocked());
    const failures = failuresOf(outcomes);
    expect(failures.map((f) => f.kind)).toEqual(['auth-rejected', 'auth-rejected', 'auth-rejected']);
    expect(failures[0]!.status).toBe(401);
    expect(failures[0]!.message).toContain('refused the client credentials in $CRM_CLIENT_ID / $CRM_CLIENT_SECRET (401 invalid_client');
    // One token request for the whole run, and nothing sent to the API.
    expect(w.tokenRequests).toHaveLength(1);
    expect(w.server.requests.filter((r) => r.url.pathname === '/v1/things')).toHaveLength(0);
  });

  it('retries a token endpoint that is down, then reports it as operational, not as the credential', async () => {
    const w = await world();
    w.failNext('down', 3);
    const [outcome] = await sampleConnector(connectorFor(w, ccAuth(w)), clocked());
    expect(outcome!.ok).toBe(false);
    if (outcome!.ok) return;
    expect(outcome!.failure.kind).toBe('http-status');
    expect(outcome!.failure.message).toMatch(/^token endpoint http:\/\/127\.0\.0\.1:\d+\/oauth\/token: the vendor answered 503/);
    expect(w.tokenRequests).toHaveLength(3);
  });

  it('fails auth-missing before any request when the client secret is unset', async () => {
    const w = await world();
    const [outcome] = await sampleConnector(connectorFor(w, ccAuth(w)), { ...clocked(), env: { CRM_CLIENT_ID: CLIENT_ID } });
    expect(outcome).toMatchObject({ ok: false, failure: { kind: 'auth-missing', attempts: 0 } });
    expect(w.server.requests).toHaveLength(0);
  });
});

describe('oauth2-refresh-token', () => {
  it('mints access tokens from the refresh token in the environment', async () => {
    const w = await world();
    const outcomes = await sampleConnector(connectorFor(w, refreshAuth(w), 2), clocked());
    expect(oks(outcomes)).toBe(2);
    expect(w.tokenRequests).toEqual([{ form: { grant_type: 'refresh_token', refresh_token: REFRESH_TOKEN } }]);
    for (const o of outcomes) if (o.ok) expect(o.sample.authNote).toBeUndefined();
  });

  it('says when the vendor rotates the refresh token, uses the new one in memory, and never keeps its value', async () => {
    const w = await world({ rotate: true, expiresIn: 600 });
    const connector = connectorFor(w, refreshAuth(w));
    const options = clocked();
    const first = await sampleConnector(connector, options);
    const rotated = w.currentRefreshToken;
    expect(rotated).not.toBe(REFRESH_TOKEN);
    expect(first[0]).toMatchObject({ ok: true, sample: { authNote: { refreshTokenRotated: { env: 'CRM_REFRESH_TOKEN' } } } });

    // The access token expires; the next refresh must use the rotated token (the old one is now refused).
    options.at(11 * 60_000);
    const second = await sampleConnector(connector, options);
    expect(oks(second)).toBe(1);
    expect(w.tokenRequests.map((r) => r.form.refresh_token)).toEqual([REFRESH_TOKEN, rotated]);
    // Still stale: the environment holds a token the vendor no longer takes, so the note stays until someone updates it.
    expect(second[0]).toMatchObject({ ok: true, sample: { authNote: { refreshTokenRotated: { env: 'CRM_REFRESH_TOKEN' } } } });
    const text = JSON.stringify([first, second]);
    for (const secret of [REFRESH_TOKEN, rotated, w.currentRefreshToken, ...w.issued]) expect(text).not.toContain(secret);
  });

  it('a refused refresh token (400 invalid_grant) is an auth failure naming it and the way out, never drift', async () => {
    const w = await world();
    w.failNext('invalid_grant');
    const [outcome] = await sampleConnector(connectorFor(w, refreshAuth(w)), clocked());
    expect(outcome).toMatchObject({ ok: false, failure: { kind: 'auth-rejected', status: 400 } });
    if (outcome!.ok) return;
    expect(outcome!.failure.message).toContain('refused the refresh token in $CRM_REFRESH_TOKEN (400 invalid_grant: Refresh token expired)');
    expect(outcome!.failure.message).toContain('put the new refresh token in $CRM_REFRESH_TOKEN');
    expect(outcome!.failure.message).not.toContain(REFRESH_TOKEN);
  });

  it('sends the refresh grant once, even when the token endpoint is down (a replayed refresh may revoke the chain)', async () => {
    const w = await world();
    w.failNext('down', 3);
    const [outcome] = await sampleConnector(connectorFor(w, refreshAuth(w)), clocked());
    expect(outcome).toMatchObject({ ok: false, failure: { kind: 'http-status' } });
    expect(w.tokenRequests).toHaveLength(1);
  });
});

describe('secrets', () => {
  it('keeps the access token, client secret and refresh token out of every outcome, even when the vendor echoes them', async () => {
    const w = await world({ echoToken: true, rotate: true });
    const cc = await sampleConnector(connectorFor(w, ccAuth(w)), clocked());
    const rt = await sampleConnector(connectorFor(w, refreshAuth(w)), clocked());
    w.failNext('invalid_client');
    const refused = await sampleConnector(connectorFor(w, ccAuth(w)), clocked());
    expect(oks([...cc, ...rt])).toBe(2);
    const text = JSON.stringify([cc, rt, refused]);
    for (const secret of [CLIENT_SECRET, REFRESH_TOKEN, w.currentRefreshToken, ...w.issued]) expect(text).not.toContain(secret);
    expect(text).toContain('[REDACTED]');
  });
});
