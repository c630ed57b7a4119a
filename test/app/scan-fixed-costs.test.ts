// A scan's fixed costs, counted rather than timed: each snapshot file parsed once per run (read while the requests are
// in flight), connector files and pact files read once per run, and the store written once per connector for each
// kind of write (samples, findings with their outbox, learned baselines), never once per endpoint.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accept } from '../../src/app/accept.js';
import { scan } from '../../src/app/scan.js';
import * as configModule from '../../src/config/load-connectors.js';
import * as snapshotModule from '../../src/core/snapshot.js';
import * as pactModule from '../../src/pact/pact-file.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';

vi.mock('../../src/core/snapshot.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/core/snapshot.js')>();
  return { ...actual, parseSnapshot: vi.fn(actual.parseSnapshot) };
});
vi.mock('../../src/config/load-connectors.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/config/load-connectors.js')>();
  return { ...actual, loadConnectors: vi.fn(actual.loadConnectors) };
});
vi.mock('../../src/pact/pact-file.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/pact/pact-file.js')>();
  return { ...actual, loadPacts: vi.fn(actual.loadPacts) };
});

const CONNECTORS = 3;
const ENDPOINTS = 4;
const WRITES = ['recordSamples', 'recordFindings', 'saveBaselines', 'readBaselines'] as const;

describe('a scan’s fixed costs', () => {
  let vendor: VendorServer;
  let root: TempRoot;
  let store: HistoryStore;
  const now = () => new Date('2026-12-06T09:00:00Z');

  beforeAll(async () => {
    vendor = await startVendorServer();
    for (let e = 0; e < ENDPOINTS; e++) {
      vendor.route(`GET /e${e}`, (_req, res) => sendJson(res, 200, { id: `obj_${e}`, total: e, status: 'open' }));
    }
    root = await makeTempRoot('driftwatch-fixed-costs-');
    const endpoints = Array.from({ length: ENDPOINTS }, (_, e) => ({ id: `e${e}`, path: `/e${e}` }));
    for (let c = 0; c < CONNECTORS; c++) await root.writeConnector(`c${c}`, connectorBody(vendor.url, endpoints));
    store = await openSqliteStore(join(root.dir, '.driftwatch', 'history.db'));
    await accept({ root: root.dir, store, env: {}, now });
  });
  afterAll(async () => {
    await store.close();
    await vendor.close();
    await root.cleanup();
  });

  it('parses each snapshot once, reads connectors and pacts once, and writes the store once per connector', async () => {
    const calls = new Map<string, number>();
    const counted = new Proxy(store, {
      get: (target, key) => {
        const value: unknown = Reflect.get(target, key, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.set(String(key), (calls.get(String(key)) ?? 0) + 1);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    vi.mocked(snapshotModule.parseSnapshot).mockClear();
    vi.mocked(configModule.loadConnectors).mockClear();
    vi.mocked(pactModule.loadPacts).mockClear();

    for (let run = 1; run <= 2; run++) {
      const result = await scan({ root: root.dir, store: counted, env: {}, now });
      expect(result.errors).toEqual([]);
      expect(result.connectors.flatMap((c) => c.outcomes).filter((o) => o.ok)).toHaveLength(CONNECTORS * ENDPOINTS);
      expect(vi.mocked(snapshotModule.parseSnapshot)).toHaveBeenCalledTimes(run * CONNECTORS * ENDPOINTS);
      expect(vi.mocked(configModule.loadConnectors)).toHaveBeenCalledTimes(run);
      expect(vi.mocked(pactModule.loadPacts)).toHaveBeenCalledTimes(run);
      expect(Object.fromEntries(WRITES.map((w) => [w, calls.get(w)]))).toEqual(Object.fromEntries(WRITES.map((w) => [w, run * CONNECTORS])));
    }
  });
});
