// Fault injection: every way a vendor can misbehave, in one scan. Each is classified and recorded, the healthy
// connector in the same run is unaffected, memory stays bounded, and the process carries on.
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan, type ScanResult } from '../../src/app/scan.js';
import type { FailureKind, SampleOutcome } from '../../src/core/model.js';
import type { HistoryStore, StoredSample } from '../../src/store/history-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { closedPort, startFaultVendor, startTlsVendors, type FaultVendor, type TlsVendors } from './fault-vendor.js';

const MB = 1024 * 1024;

interface Fault {
  connector: string;
  /** Route on the fault vendor, or a full URL for TLS and refused connections. */
  path: string;
  base?: () => string;
  extra?: Record<string, unknown>;
  kind: FailureKind;
  status?: number;
  message: RegExp;
  /** Attempts made: transient faults are retried, permanent ones are not. */
  attempts: number;
}

let vendor: FaultVendor;
let tls: TlsVendors;
let refusedPort: number;
let root: TempRoot;
let store: HistoryStore;
let result: ScanResult;
let rssGrowthMb: number;
let agent: Agent;

const FAST_TIMEOUT = { timeoutMs: 300 };

const faults: Fault[] = [
  { connector: 'refused', path: '/anything', base: () => `http://127.0.0.1:${refusedPort}`, kind: 'connection', message: /ECONNREFUSED/, attempts: 3 },
  { connector: 'reset-mid-body', path: '/reset-mid-body', kind: 'connection', message: /connection failed/, attempts: 3 },
  { connector: 'headers-never-sent', path: '/headers-never-sent', extra: FAST_TIMEOUT, kind: 'timeout', message: /no complete answer within 300 ms/, attempts: 3 },
  { connector: 'drip', path: '/drip', extra: FAST_TIMEOUT, kind: 'timeout', message: /no complete answer within 300 ms/, attempts: 3 },
  { connector: 'status-500', path: '/status-500', kind: 'http-status', status: 500, message: /answered 500/, attempts: 3 },
  { connector: 'status-502', path: '/status-502', kind: 'http-status', status: 502, message: /answered 502/, attempts: 3 },
  { connector: 'status-503', path: '/status-503', kind: 'http-status', status: 503, message: /answered 503/, attempts: 3 },
  { connector: 'throttled', path: '/throttled', kind: 'http-status', status: 429, message: /answered 429/, attempts: 3 },
  { connector: 'malformed-json', path: '/malformed-json', kind: 'invalid-json', status: 200, message: /not valid JSON/, attempts: 1 },
  { connector: 'truncated-json', path: '/truncated-json', kind: 'invalid-json', status: 200, message: /not valid JSON/, attempts: 1 },
  { connector: 'wrong-content-type', path: '/wrong-content-type', kind: 'content-type', status: 200, message: /text\/html/, attempts: 1 },
  { connector: 'endless', path: '/endless', extra: { maxBodyBytes: MB }, kind: 'too-large', status: 200, message: /exceeds maxBodyBytes/, attempts: 1 },
  { connector: 'declared-too-large', path: '/declared-too-large', extra: { maxBodyBytes: MB }, kind: 'too-large', status: 200, message: /content-length \d+ exceeds/, attempts: 1 },
  { connector: 'gzip-bomb', path: '/gzip-bomb', extra: { maxBodyBytes: MB }, kind: 'too-large', status: 200, message: /bytes decoded/, attempts: 1 },
  { connector: 'redirect-loop', path: '/redirect-loop', kind: 'redirect', message: /more than 5 redirects/, attempts: 1 },
  { connector: 'tls-self-signed', path: '/things', base: () => tls.selfSignedUrl, kind: 'tls', message: /SELF_SIGNED|self[- ]signed/i, attempts: 1 },
  { connector: 'tls-expired', path: '/things', base: () => tls.expiredUrl, kind: 'tls', message: /CERT_HAS_EXPIRED|expired/i, attempts: 1 },
];

beforeAll(async () => {
  [vendor, tls, refusedPort, root] = await Promise.all([startFaultVendor(), startTlsVendors(), closedPort(), makeTempRoot('driftwatch-faults-')]);
  store = await openSqliteStore(`${root.dir}/.driftwatch/history.db`);
  await root.writeConnector('healthy', connectorBody(vendor.url, [{ id: 'a', path: '/healthy' }, { id: 'b', path: '/throttled-once' }]));
  for (const fault of faults) {
    await root.writeConnector(fault.connector, connectorBody(fault.base ? fault.base() : vendor.url, [{ id: 'thing', path: fault.path }], fault.extra ?? {}));
  }
  // The expired certificate is signed by a CA we trust here, so the only thing wrong with it is its date.
  agent = new Agent({ connect: { ca: tls.caPem } });
  global.gc?.();
  const before = process.memoryUsage().rss;
  result = await scan({
    root: root.dir,
    store,
    env: {},
    now: () => new Date(),
    dispatcher: agent,
    sampler: { baseDelayMs: 1, maxDelayMs: 2, retryAfterCapMs: 5 },
  });
  rssGrowthMb = (process.memoryUsage().rss - before) / MB;
}, 60_000);

afterAll(async () => {
  await store?.close();
  await agent?.close();
  await Promise.all([vendor?.close(), tls?.close(), root?.cleanup()]);
});

function outcomeOf(connector: string): SampleOutcome {
  const report = result.connectors.find((c) => c.connector.name === connector);
  if (!report) throw new Error(`no report for ${connector}`);
  return report.outcomes[0]!;
}

describe('a vendor misbehaving in every way at once', () => {
  it.each(faults)('$connector: classified as $kind, recorded, reported', async (fault) => {
    const outcome = outcomeOf(fault.connector);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure.kind).toBe(fault.kind);
    expect(outcome.failure.message).toMatch(fault.message);
    expect(outcome.failure.attempts).toBe(fault.attempts);
    if (fault.status !== undefined) expect(outcome.failure.status).toBe(fault.status);

    const stored: StoredSample[] = await store.listSamples({ connector: fault.connector });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ runId: result.runId, ok: false, errorKind: fault.kind, bodyHash: null });
    expect(result.errors).toContainEqual(expect.objectContaining({ connector: fault.connector, endpoint: 'thing', kind: fault.kind }));
  });

  it('the healthy connector in the same run is unaffected (and a 429 with Retry-After is retried, then succeeds)', async () => {
    const report = result.connectors.find((c) => c.connector.name === 'healthy')!;
    expect(report.outcomes.map((o) => o.ok)).toEqual([true, true]);
    const throttledOnce = report.outcomes[1]!;
    expect(throttledOnce.ok && throttledOnce.sample.attempts).toBe(2);
    expect((await store.listSamples({ connector: 'healthy' })).map((s) => s.ok)).toEqual([true, true]);
    expect(result.nothingReached).toBe(false);
    const [run] = await store.listRuns(1);
    expect(run).toMatchObject({ id: result.runId, finished: true });
    expect(run!.summary!.errors).toBe(faults.length);
  });

  it('memory stays bounded: the endless body and the gzip bomb stop being read at the cap', () => {
    // 256 MB were on offer each; the sampler stopped after 1 MB (plus what the socket buffers held).
    expect(vendor.bytesWritten.get('/endless')).toBeLessThan(32 * MB);
    expect(vendor.server.clientAborts).toBeGreaterThan(0);
    expect(rssGrowthMb).toBeLessThan(150);
  });

  it('a retried fault is retried, a permanent one is not (counted at the vendor)', () => {
    const hits = (path: string): number => vendor.server.requests.filter((r) => r.url.pathname === path).length;
    expect(hits('/status-503')).toBe(3);
    expect(hits('/throttled')).toBe(3);
    expect(hits('/malformed-json')).toBe(1);
    expect(hits('/gzip-bomb')).toBe(1);
    // The loop: the first request plus five redirects followed, then it gives up.
    expect(hits('/redirect-loop') + hits('/redirect-loop-b')).toBe(6);
  });

  it('the process stays up: the next scan on the same store works', async () => {
    const again = await scan({ root: root.dir, store, env: {}, now: () => new Date(), connector: 'healthy', dispatcher: agent });
    expect(again.connectors[0]!.outcomes.every((o) => o.ok)).toBe(true);
    expect(again.runId).toBeGreaterThan(result.runId);
  });
});
