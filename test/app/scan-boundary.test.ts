// A connector driftwatch itself fails on (here: its learned evidence cannot be read from the store) is that
// connector's error: the other connectors are judged and recorded, the run is finished, the exit code says 3, and the
// failure's text carries no credential.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accept } from '../../src/app/accept.js';
import { scan } from '../../src/app/scan.js';
import { exitCodeFor, scanOutcome } from '../../src/cli/exit.js';
import { startDemoVendor, type DemoVendor } from '../../src/demo/vendor-server.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';

const TOKEN = 'sk_live_boundary_secret_4242';

describe('a connector driftwatch fails on', () => {
  let vendor: DemoVendor;
  let root: TempRoot;
  let store: HistoryStore;
  const env = { LEDGERLY_API_KEY: TOKEN };
  const now = () => new Date('2026-11-23T09:00:00Z');

  beforeAll(async () => {
    vendor = await startDemoVendor({ token: TOKEN, release: 'v1' });
    root = await makeTempRoot('driftwatch-boundary-');
    for (const name of ['billing', 'broken']) {
      await root.writeConnector(name, connectorBody(vendor.url, [{ id: 'list-invoices', path: '/v1/invoices' }], { auth: { type: 'bearer', tokenEnv: 'LEDGERLY_API_KEY' } }));
    }
    store = await openSqliteStore(join(root.dir, '.driftwatch', 'history.db'));
    await accept({ root: root.dir, store, env, now });
    vendor.setRelease('v2');
  });
  afterAll(async () => {
    await store.close();
    await vendor.close();
    await root.cleanup();
  });

  it('is that connector’s internal error; the others are judged, the run finished, and the exit code is 3', async () => {
    // The store fails for one connector only, and its error text happens to quote the token.
    const readBaselines: HistoryStore['readBaselines'] = async (connector) => {
      if (connector === 'broken') throw new Error(`database disk image is malformed (while reading with Bearer ${TOKEN})`);
      return store.readBaselines(connector);
    };
    const failing = new Proxy(store, {
      get: (target, key) => {
        if (key === 'readBaselines') return readBaselines;
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });

    const result = await scan({ root: root.dir, store: failing, env, now, sampler: { baseDelayMs: 1, maxDelayMs: 2 } });

    const internal = result.errors.filter((e) => e.kind === 'internal');
    expect(internal).toHaveLength(1);
    expect(internal[0]).toMatchObject({ connector: 'broken', endpoint: '*' });
    expect(internal[0]!.message).toContain('database disk image is malformed');
    expect(internal[0]!.message).not.toContain(TOKEN);
    // The healthy connector's release is judged and recorded.
    expect(result.changes.some((c) => c.connector === 'billing' && c.severity === 'breaking')).toBe(true);
    expect(result.changes.some((c) => c.connector === 'broken')).toBe(false);
    expect((await store.listDrifts({ connector: 'billing' })).length).toBeGreaterThan(0);
    // What the broken connector's vendor answered is kept: samples are recorded before judging.
    expect(await store.listSamples({ connector: 'broken' })).not.toEqual([]);
    const [run] = await store.listRuns(1);
    expect(run?.finishedAt).not.toBeNull();
    // Breaking drift on billing wins; without it, the unchecked connector alone is an operational failure.
    expect(exitCodeFor(scanOutcome(result))).toBe(1);
    expect(exitCodeFor({ ...scanOutcome(result), breaking: 0 })).toBe(3);
    expect((await readFile(join(root.dir, '.driftwatch', 'history.db'))).includes(TOKEN)).toBe(false);
  });
});
