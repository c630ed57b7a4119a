// Through the real binary: OAuth2, mTLS and GraphQL connectors and vendor signals leave no secret in any file or output;
// unsafe and oversized input exits 2.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';
import { startGraphqlVendor, V1_SDL, v1Data, type GraphqlVendor } from '../graphql/graphql-vendor.js';
import { makePki, startMtlsVendor, type MtlsPki, type MtlsVendor } from './mtls-vendor.js';
import { startOAuthWorld, type OAuthWorld } from './token-server.js';

const CLIENT_SECRET = 'cs_planted_client_secret_5150';
const REFRESH_TOKEN = 'rt_planted_refresh_token_8086';
const GRAPHQL_TOKEN = 'gq_planted_graphql_token_6174';

/** Every file under `dir`, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

describe('planted secrets: OAuth2 tokens, client secret, refresh tokens, the client key and a GraphQL token never leave memory', () => {
  let world: OAuthWorld;
  let pki: MtlsPki;
  let bank: MtlsVendor;
  let ledger: GraphqlVendor;
  let root: TempRoot;
  const runs: CliRun[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    [world, pki, root] = await Promise.all([
      startOAuthWorld({ clientId: 'crm-client-id', clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN, rotate: true, echoToken: true }),
      makePki(10),
      makeTempRoot('driftwatch-planted-'),
    ]);
    [bank, ledger] = await Promise.all([startMtlsVendor(pki), startGraphqlVendor()]);
    // A leaky GraphQL vendor: the token echoed in an error message and in its deprecation links.
    ledger.token = GRAPHQL_TOKEN;
    ledger.release(`${V1_SDL} extend type Query { whoami: String }`, {
      ...v1Data(),
      whoami: () => {
        throw new Error(`token ${GRAPHQL_TOKEN} may not read whoami`);
      },
    });
    ledger.headers = { deprecation: 'true', sunset: 'Thu, 07 Jan 2027 00:00:00 GMT', link: `<https://vendor.test/sunset?ref=${GRAPHQL_TOKEN}>; rel="sunset"` };
    env = {
      CRM_CLIENT_ID: 'crm-client-id',
      CRM_CLIENT_SECRET: CLIENT_SECRET,
      CRM_REFRESH_TOKEN: REFRESH_TOKEN,
      BANK_CERT: pki.clientCertPem,
      BANK_KEY: pki.clientKeyPem,
      BANK_CA: pki.file('ca.pem'),
      LEDGER_TOKEN: GRAPHQL_TOKEN,
    };
    const things = [{ id: 'things', path: '/v1/things' }];
    await root.writeConnector('crm-cc', connectorBody(world.server.url, things, {
      auth: { type: 'oauth2-client-credentials', tokenUrl: world.tokenUrl, clientIdEnv: 'CRM_CLIENT_ID', clientSecretEnv: 'CRM_CLIENT_SECRET', scopes: ['things.read'] },
    }));
    await root.writeConnector('crm-rt', connectorBody(world.server.url, things, {
      auth: { type: 'oauth2-refresh-token', tokenUrl: world.tokenUrl, refreshTokenEnv: 'CRM_REFRESH_TOKEN' },
    }));
    await root.writeConnector('bank', connectorBody(bank.url, [{ id: 'accounts', path: '/v1/accounts' }], {
      auth: { type: 'mtls', certEnv: 'BANK_CERT', keyEnv: 'BANK_KEY', caEnv: 'BANK_CA' },
    }));
    await root.writeConnector('ledger', connectorBody(ledger.url, [
      { id: 'open-invoices', kind: 'graphql', path: '/graphql', query: '{ invoices(status: OPEN) { id total customer { name } } }' },
      { id: 'whoami', kind: 'graphql', path: '/graphql', query: '{ whoami }' },
    ], { auth: { type: 'bearer', tokenEnv: 'LEDGER_TOKEN' } }));
    const cli = async (...args: string[]): Promise<CliRun> => {
      const run = await runMain(args, { cwd: root.dir, env });
      runs.push(run);
      return run;
    };
    await cli('accept');
    await cli('scan', '--format', 'json');
    await cli('scan');
    await cli('scan', '--format', 'markdown');
    await cli('history', '--format', 'json');
    await cli('map', '--format', 'json');
    await cli('report', '--out', join(root.dir, 'report.html'));
  }, 120_000);
  afterAll(async () => {
    await Promise.all([world.close(), bank.close(), ledger.close()]);
    await Promise.all([pki.cleanup(), root.cleanup()]);
  });

  it('samples all three connectors', () => {
    const accept = runs[0]!;
    expect(accept.code).toBe(0);
    for (const name of ['crm-cc/things', 'crm-rt/things', 'bank/accounts', 'ledger/open-invoices']) expect(accept.stdout).toContain(name);
    expect(world.issued.length).toBeGreaterThanOrEqual(2);
    expect(world.currentRefreshToken).not.toBe(REFRESH_TOKEN);
  });

  it('finds none of them in any file of the project or in any output', async () => {
    // The key's base64 lines, not only the PEM block: a leak would rarely keep the armour.
    const keyLines = pki.clientKeyPem.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'));
    const planted = [CLIENT_SECRET, REFRESH_TOKEN, world.currentRefreshToken, ...world.issued, ...keyLines, GRAPHQL_TOKEN];
    // The GraphQL and signal paths were taken: the schema is pinned, the error and the sunset link were reported.
    const scan = JSON.parse(runs[1]!.stdout) as { changes: Array<{ connector: string; rule: string; message: string }>; errors: Array<{ endpoint: string; kind: string; message: string }> };
    expect(scan.changes.filter((c) => c.connector === 'ledger').map((c) => c.rule).sort()).toEqual(['deprecation-announced', 'sunset-announced']);
    expect(scan.changes.find((c) => c.rule === 'sunset-announced')!.message).toContain('https://vendor.test/sunset?ref=[REDACTED]');
    expect(scan.errors).toContainEqual(expect.objectContaining({ endpoint: 'whoami', kind: 'graphql-errors', message: expect.stringContaining('token [REDACTED] may not read whoami') }));
    const pinnedSchema = join(root.dir, 'contracts', 'ledger', 'graphql.pinned.graphql');
    expect(await readFile(pinnedSchema, 'utf8')).toContain('whoami: String');
    expect(planted.length).toBeGreaterThan(5);
    const files = [...(await filesUnder(root.dir)).filter((f) => !f.includes(`${join('contracts', '')}`)), pinnedSchema];
    expect(files.some((f) => f.endsWith('history.db'))).toBe(true);
    expect(files.some((f) => f.endsWith('report.html'))).toBe(true);
    // The vendor echoed its bearer token in the body: the snapshot shows where it was scrubbed.
    expect(await readFile(join(root.dir, 'snapshots', 'crm-cc', 'things.json'), 'utf8')).toContain('[REDACTED]');
    for (const file of files) {
      if ((await stat(file)).size === 0) continue;
      const bytes = await readFile(file);
      for (const secret of planted) expect(bytes.includes(secret), `${secret.slice(0, 6)}… in ${file}`).toBe(false);
    }
    for (const run of runs) for (const secret of planted) expect(run.stdout + run.stderr).not.toContain(secret);
  });
});

describe('refusals that exit 2 before anything is sent', () => {
  let server: VendorServer;
  let root: TempRoot;
  beforeAll(async () => {
    server = await startVendorServer({ '/v1/things': (_req, res) => sendJson(res, 200, { ok: true }) });
    root = await makeTempRoot('driftwatch-refusals-');
  });
  afterAll(async () => {
    await server.close();
    await root.cleanup();
  });

  it('scan and accept refuse a POST endpoint without safe: true: 0 requests at the server', async () => {
    await root.writeConnector('acme', connectorBody(server.url, [{ id: 'create', method: 'POST', path: '/v1/things', body: { name: 'x' } }]));
    const scan = await runMain(['scan', '--format', 'json'], { cwd: root.dir });
    expect(scan.code).toBe(2);
    const json = JSON.parse(scan.stdout) as { errors: Array<{ kind: string; message: string }> };
    expect(json.errors).toEqual([expect.objectContaining({ kind: 'config', message: expect.stringContaining('POST is not sent') })]);
    const accept = await runMain(['accept'], { cwd: root.dir });
    expect(accept.code).toBe(2);
    expect(accept.stdout).toContain('contracts/acme/connector.yaml endpoints[0] (create): POST is not sent');
    expect(server.requests).toHaveLength(0);
  });

  it('a refused refresh token is an auth-rejected finding naming the env var, never schema drift', async () => {
    const world = await startOAuthWorld({ clientId: 'x', clientSecret: 'y', refreshToken: 'rt_the_right_one_123' });
    try {
      await root.writeConnector('acme', connectorBody(world.server.url, [{ id: 'things', path: '/v1/things' }], {
        auth: { type: 'oauth2-refresh-token', tokenUrl: world.tokenUrl, refreshTokenEnv: 'ACME_REFRESH_TOKEN' },
      }));
      const scan = await runMain(['scan', '--format', 'json'], { cwd: root.dir, env: { ACME_REFRESH_TOKEN: 'rt_a_stale_one_456' } });
      expect(scan.code).toBe(1);
      const json = JSON.parse(scan.stdout) as { changes: Array<{ rule: string; severity: string; message: string }>; errors: Array<{ kind: string; message: string }> };
      expect(json.changes.map((c) => `${c.rule} ${c.severity}`)).toEqual(['auth-rejected breaking']);
      expect(json.changes[0]!.message).toContain('$ACME_REFRESH_TOKEN');
      expect(json.errors).toEqual([expect.objectContaining({ kind: 'auth-rejected', message: expect.stringContaining('refused the refresh token in $ACME_REFRESH_TOKEN (400 invalid_grant') })]);
      expect(scan.stdout + scan.stderr).not.toContain('rt_a_stale_one_456');
      expect(world.server.requests.filter((r) => r.url.pathname === '/v1/things')).toHaveLength(0);
    } finally {
      await world.close();
    }
  });

  it('a connector file over 1 MB and credentials in baseUrl are config errors naming the file, never the password', async () => {
    await root.writeConnector('acme', connectorBody(server.url, [{ id: 'list', path: '/v1/things' }], { description: 'x'.repeat(1_100_000) }));
    await root.writeConnector('leaky', connectorBody(server.url.replace('http://', 'http://svc:pw-planted-777@'), [{ id: 'list', path: '/v1/things' }]));
    const scan = await runMain(['scan'], { cwd: root.dir });
    expect(scan.code).toBe(2);
    const text = scan.stdout + scan.stderr;
    expect(text).toContain('contracts/acme/connector.yaml is 1.0 MB, over the 1.0 MB limit for connector files');
    expect(text).toContain('contracts/leaky/connector.yaml:');
    expect(text).toContain('baseUrl must not carry credentials (user:pass@)');
    expect(text).not.toContain('pw-planted-777');
    expect(server.requests).toHaveLength(0);
  });
});
