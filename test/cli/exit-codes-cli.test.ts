// The exit-code contract through the real binary: 0 clean, 1 breaking, 2 bad input or config, 3 nothing reachable.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/run-main.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';

// Matches no credential pattern: only "a configured secret's value" redaction can catch it.
const TOKEN = 'plainvalue7c1e9b42d0';

interface ScanJson {
  changes: Array<{ rule: string; endpoint: string; path: string }>;
  errors: Array<{ connector: string; endpoint: string; kind: string; message: string }>;
}

describe('exit codes and resilience', () => {
  let vendor: VendorServer;
  let root: TempRoot;
  let mode: 'ok' | 'down' | 'reject' = 'ok';
  const cli = (args: string[], env: Record<string, string | undefined> = { ECHO_TOKEN: TOKEN }) => runMain(args, { cwd: root.dir, env });

  beforeAll(async () => {
    vendor = await startVendorServer({
      '/echo': (req, res) => {
        if (mode === 'down') return sendJson(res, 503, { error: 'maintenance' });
        if (mode === 'reject') return sendJson(res, 401, { error: 'invalid key' });
        // A careless vendor that echoes the caller's credential back in a header and in a field with an innocent name.
        const echoed = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        return sendJson(res, 200, { id: 'acct_1', note: `request by ${echoed}`, plan: 'pro' }, { 'x-debug-auth': echoed });
      },
      '/typo': (_req, res) => sendJson(res, 404, { error: 'no such route' }),
    });
    root = await makeTempRoot();
    await root.writeConnector('echo', connectorBody(vendor.url, [{ id: 'account', path: '/echo' }], { auth: { type: 'bearer', tokenEnv: 'ECHO_TOKEN' } }));
  });
  afterAll(async () => {
    await vendor.close();
    await root.cleanup();
  });

  it('a secret the vendor echoes back never reaches a snapshot, the store or the output', async () => {
    const acceptRun = await cli(['accept']);
    expect(acceptRun.code).toBe(0);
    const scanRun = await cli(['scan', '--format', 'json']);
    expect(scanRun.code).toBe(0);
    expect(acceptRun.stdout + acceptRun.stderr + scanRun.stdout + scanRun.stderr).not.toContain(TOKEN);
    const files = [
      ...(await readdir(join(root.dir, 'snapshots', 'echo'))).map((f) => join(root.dir, 'snapshots', 'echo', f)),
      ...(await readdir(join(root.dir, '.driftwatch'))).map((f) => join(root.dir, '.driftwatch', f)),
    ];
    for (const file of files) expect((await readFile(file)).includes(TOKEN), file).toBe(false);
    expect(await readFile(join(root.dir, 'snapshots', 'echo', 'account.json'), 'utf8')).toContain('[REDACTED]');
  });

  it('exits 2 when the only credential is unset: configuration, not an outage, and no request is made', async () => {
    const before = vendor.requests.length;
    const run = await cli(['scan', '--format', 'json'], { ECHO_TOKEN: undefined });
    expect(run.code).toBe(2);
    expect((JSON.parse(run.stdout) as ScanJson).errors[0]).toMatchObject({ kind: 'auth-missing' });
    expect(vendor.requests.length).toBe(before);
  });

  it('exits 3 when the vendor only answers 5xx, and the outage does not resolve an open auth drift', async () => {
    mode = 'reject';
    const rejected = await cli(['scan', '--format', 'json']);
    expect(rejected.code).toBe(1);
    expect((JSON.parse(rejected.stdout) as ScanJson).changes.map((c) => c.rule)).toContain('auth-rejected');

    mode = 'down';
    const down = await cli(['scan', '--format', 'json']);
    expect(down.code).toBe(3);
    const history = await cli(['history', '--rule', 'auth-rejected', '--format', 'json']);
    const { drifts } = JSON.parse(history.stdout) as { drifts: Array<{ status: string }> };
    expect(drifts.map((d) => d.status)).toEqual(['open']);

    mode = 'ok';
    expect((await cli(['scan'])).code).toBe(0);
    const after = JSON.parse((await cli(['history', '--rule', 'auth-rejected', '--format', 'json'])).stdout) as { drifts: Array<{ status: string }> };
    expect(after.drifts.map((d) => d.status)).toEqual(['resolved']);
  });

  it('a broken or unreadable snapshot is bad input for that endpoint only; the run goes on', async () => {
    await root.writeConnector('other', connectorBody(vendor.url, [{ id: 'account', path: '/echo' }, { id: 'profile', path: '/echo' }], { auth: { type: 'bearer', tokenEnv: 'ECHO_TOKEN' } }));
    expect((await cli(['accept', '--connector', 'other'])).code).toBe(0);
    await writeFile(join(root.dir, 'snapshots', 'other', 'account.json'), '{ "connector": "other",\n  "schema": ', 'utf8');
    // a folder where a snapshot file should be: unreadable, and still only that endpoint's problem
    await rm(join(root.dir, 'snapshots', 'echo', 'account.json'));
    await mkdir(join(root.dir, 'snapshots', 'echo', 'account.json'));
    const run = await cli(['scan', '--format', 'json']);
    expect(run.code).toBe(2);
    const json = JSON.parse(run.stdout) as ScanJson;
    const broken = json.errors.find((e) => e.connector === 'other' && e.endpoint === 'account');
    expect(broken?.kind).toBe('config');
    expect(broken?.message).toMatch(/snapshots\/other\/account\.json/);
    expect(json.errors.find((e) => e.connector === 'other' && e.endpoint === 'profile')).toBeUndefined();
    expect(json.errors.find((e) => e.connector === 'echo')?.message).toMatch(/cannot be read \(EISDIR\)/);
  });

  it('accept refuses a baseline that answers other than expectStatus, and an unknown endpoint, with exit 2', async () => {
    await root.writeConnector('typo', connectorBody(vendor.url, [{ id: 'things', path: '/typo' }]));
    const typo = await cli(['accept', '--connector', 'typo']);
    expect(typo.code).toBe(2);
    expect(typo.stdout).toContain('answered 404, expected 200');
    await expect(readFile(join(root.dir, 'snapshots', 'typo', 'things.json'))).rejects.toThrow();
    expect((await cli(['accept', '--connector', 'echo', '--endpoint', 'nope'])).code).toBe(2);
  });
});
