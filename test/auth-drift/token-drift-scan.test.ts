// Token drift through accept and scan against a real OAuth2 token endpoint: a rotated refresh token is one breaking
// finding naming the env var; a refusal at the token endpoint is auth drift, never schema drift, and resolves nothing.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accept } from '../../src/app/accept.js';
import { scan } from '../../src/app/scan.js';
import { forgetProjectFacts } from '../../src/owners/project.js';
import { sharedTokenCache } from '../../src/sampler/oauth2.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { startOAuthWorld, type OAuthWorld } from '../sampler/token-server.js';

const NOW = new Date('2026-11-23T09:00:00Z');
const REFRESH_TOKEN = 'rt_planted_rotation_4711';
const CLIENT_SECRET = 'cs_planted_scan_secret_0815';
const fast = { baseDelayMs: 1, maxDelayMs: 2 };

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    out.push(...(entry.isDirectory() ? await filesUnder(path) : [path]));
  }
  return out;
}

describe('token drift in accept and scan', () => {
  let world: OAuthWorld;
  let root: TempRoot;
  let store: HistoryStore;

  beforeEach(async () => {
    sharedTokenCache.clear();
    forgetProjectFacts();
    root = await makeTempRoot('driftwatch-token-drift-');
    store = await openSqliteStore(join(root.dir, '.driftwatch', 'history.db'));
  });
  afterEach(async () => {
    await store.close();
    await world.close();
    await root.cleanup();
    sharedTokenCache.clear();
  });

  const things = [{ id: 'things', path: '/v1/things' }];
  const refreshAuth = (w: OAuthWorld) => ({ auth: { type: 'oauth2-refresh-token', tokenUrl: w.tokenUrl, refreshTokenEnv: 'ERP_REFRESH_TOKEN' } });

  it('a rotated refresh token is one breaking finding naming the env var and the next action; no token value is kept', async () => {
    world = await startOAuthWorld({ clientId: 'erp', clientSecret: 'x', refreshToken: REFRESH_TOKEN, rotate: true });
    await root.writeConnector('erp', connectorBody(world.server.url, things, refreshAuth(world)));
    const env = { ERP_REFRESH_TOKEN: REFRESH_TOKEN };
    await accept({ root: root.dir, store, env, now: () => NOW, samples: 2, sampler: fast });
    const result = await scan({ root: root.dir, store, env, now: () => NOW, sampler: fast });
    const rotated = result.changes.filter((c) => c.rule === 'refresh-token-rotated');
    expect(rotated.map((c) => [c.endpoint, c.path, c.severity])).toEqual([['*', 'auth.ERP_REFRESH_TOKEN', 'breaking']]);
    expect(rotated[0]!.message).toContain('put the new refresh token in $ERP_REFRESH_TOKEN in the secret store now');
    expect(result.changes.filter((c) => c.rule.startsWith('response-'))).toEqual([]);

    const planted = [REFRESH_TOKEN, world.currentRefreshToken, ...world.issued];
    const text = JSON.stringify(result);
    for (const secret of planted) expect(text).not.toContain(secret);
    for (const file of await filesUnder(root.dir)) {
      const bytes = await readFile(file);
      for (const secret of planted) expect(bytes.includes(secret), `${secret.slice(0, 6)}… in ${file}`).toBe(false);
    }
  });

  it.each([
    ['oauth2-refresh-token', 'invalid_grant', '$ERP_REFRESH_TOKEN', '400 invalid_grant'],
    ['oauth2-client-credentials', 'invalid_client', '$ERP_CLIENT_ID / $ERP_CLIENT_SECRET', '401 invalid_client'],
  ] as const)('%s refused with %s after an accept: auth-rejected only, no schema drift, nothing resolved', async (type, refusal, names, detail) => {
    world = await startOAuthWorld({ clientId: 'erp-client', clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN });
    const auth =
      type === 'oauth2-refresh-token'
        ? refreshAuth(world)
        : { auth: { type, tokenUrl: world.tokenUrl, clientIdEnv: 'ERP_CLIENT_ID', clientSecretEnv: 'ERP_CLIENT_SECRET' } };
    await root.writeConnector('erp', connectorBody(world.server.url, things, auth));
    const env = { ERP_REFRESH_TOKEN: REFRESH_TOKEN, ERP_CLIENT_ID: 'erp-client', ERP_CLIENT_SECRET: CLIENT_SECRET };
    const accepted = await accept({ root: root.dir, store, env, now: () => NOW, samples: 2, sampler: fast });
    expect(accepted.written.map((w) => w.endpoint)).toEqual(['things']);
    // An open schema drift the refused scan must not resolve: the vendor answered nothing about it.
    world.release({ data: [{ id: 'th_1', name: 1 }] });
    const first = await scan({ root: root.dir, store, env, now: () => NOW, sampler: fast });
    expect(first.changes.map((c) => `${c.rule} ${c.path}`)).toEqual(['response-property-type-changed $.data[*].name']);

    // The vendor revokes the access token and refuses the credential at the token endpoint from now on.
    world.revoke();
    world.failNext(refusal, 10);
    const apiCalls = world.server.requests.filter((r) => r.url.pathname === '/v1/things').length;
    const result = await scan({ root: root.dir, store, env, now: () => NOW, sampler: fast });
    expect(result.changes.map((c) => `${c.rule} ${c.severity} ${c.endpoint}`)).toEqual(['auth-rejected breaking things']);
    expect(result.changes[0]!.message).toContain(names.split(' / ')[0]!);
    expect(result.errors).toEqual([expect.objectContaining({ endpoint: 'things', kind: 'auth-rejected', message: expect.stringContaining(`${names} (${detail}`) })]);
    // One request with the revoked token, one token request; nothing after the refusal.
    expect(world.server.requests.filter((r) => r.url.pathname === '/v1/things').length - apiCalls).toBe(1);
    expect(result.events.filter((e) => e.kind === 'resolved')).toEqual([]);
    expect((await store.listDrifts({ connector: 'erp', rule: 'response-property-type-changed' })).map((d) => d.status)).toEqual(['open']);
    const text = JSON.stringify(result);
    for (const secret of [REFRESH_TOKEN, CLIENT_SECRET, ...world.issued]) expect(text).not.toContain(secret);
  });
});
