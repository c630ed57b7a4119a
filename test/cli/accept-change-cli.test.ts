// "I know about this one, stop failing my build": accept --change writes an ignore entry; the change stays visible.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startDemoVendor, type DemoVendor } from '../../src/demo/vendor-server.js';
import { runMain } from '../helpers/run-main.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';

interface ScanJson {
  summary: { breaking: number };
  changes: Array<{ rule: string; severity: string; path: string; fingerprint: string; suppressed?: { reason: string; acceptedBy?: string } }>;
}

describe('accept --change', () => {
  let vendor: DemoVendor;
  let root: TempRoot;
  let connectorFile: string;
  const env = { LEDGERLY_API_KEY: 'tok_accept_change', USER: 'dana' };
  const cli = (...args: string[]) => runMain(args, { cwd: root.dir, env });

  beforeAll(async () => {
    vendor = await startDemoVendor({ token: env.LEDGERLY_API_KEY, release: 'v1' });
    root = await makeTempRoot();
    connectorFile = await root.writeConnector(
      'billing',
      connectorBody(vendor.url, [{ id: 'list-invoices', path: '/v1/invoices' }], { auth: { type: 'bearer', tokenEnv: 'LEDGERLY_API_KEY' } }),
    );
    expect((await cli('accept')).code).toBe(0);
    vendor.setRelease('v2');
  });
  afterAll(async () => {
    await vendor.close();
    await root.cleanup();
  });

  it('suppresses exactly the accepted changes, keeps them in the output, and unblocks the build', async () => {
    const first = await cli('scan', '--format', 'json');
    expect(first.code).toBe(1);
    const breaking = (JSON.parse(first.stdout) as ScanJson).changes.filter((c) => c.severity === 'breaking');
    expect(breaking.length).toBeGreaterThan(1);

    for (const change of breaking) {
      const run = await cli('accept', '--change', change.fingerprint, '--reason', 'Ledgerly 2026-11 release, connector updated in PR 812', '--by', 'dana');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(change.path);
    }
    const written = parse(await readFile(connectorFile, 'utf8')) as { ignore: Array<{ rule: string; path: string; reason: string; acceptedBy: string; expires: string }> };
    expect(written.ignore.map((e) => `${e.rule} ${e.path}`).sort()).toEqual(breaking.map((c) => `${c.rule} ${c.path}`).sort());
    expect(written.ignore[0]).toMatchObject({ acceptedBy: 'dana', reason: expect.stringContaining('PR 812') });
    expect(written.ignore[0]!.expires).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const second = await cli('scan', '--format', 'json');
    expect(second.code).toBe(0);
    const json = JSON.parse(second.stdout) as ScanJson;
    expect(json.summary.breaking).toBe(0);
    const suppressed = json.changes.filter((c) => c.suppressed);
    expect(suppressed.map((c) => c.fingerprint).sort()).toEqual(breaking.map((c) => c.fingerprint).sort());
  });

  it('refuses an unknown fingerprint or a missing reason with exit 2', async () => {
    expect((await cli('accept', '--change', 'ffffffffffff', '--reason', 'because')).code).toBe(2);
    const noReason = await cli('accept', '--change', 'ffffffffffff');
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('--reason');
  });
});
