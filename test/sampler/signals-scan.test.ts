// Vendor signals through a real scan: a vendor sending Deprecation, Sunset and Link headers; one drift per endpoint and
// signal whose fingerprint holds as days pass, breaking inside the connector's window, resolved when withdrawn.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan, type ScanResult } from '../../src/app/scan.js';
import { forgetProjectFacts } from '../../src/owners/project.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';

const NOW = new Date('2026-11-23T09:00:00Z');
const day = (n: number): Date => new Date(NOW.getTime() + n * 86_400_000);

describe('vendor signals in a scan', () => {
  let vendor: VendorServer;
  let root: TempRoot;
  let store: HistoryStore;
  let announcing = true;

  beforeAll(async () => {
    vendor = await startVendorServer({
      'GET /v1/old': (_req, res) =>
        sendJson(
          res,
          200,
          { data: [{ id: 'o1' }] },
          announcing
            ? { deprecation: '@1767225600', sunset: 'Thu, 07 Jan 2027 00:00:00 GMT', link: '<https://vendor.test/migrate?token=sig_planted_77>; rel="deprecation"' }
            : {},
        ),
      'GET /v1/new': (_req, res) => sendJson(res, 200, { data: [{ id: 'n1' }] }),
    });
    root = await makeTempRoot('driftwatch-signals-');
    forgetProjectFacts();
    await root.writeConnector('acme', connectorBody(vendor.url, [{ id: 'old', path: '/v1/old' }, { id: 'new', path: '/v1/new' }], { sunsetWarnDays: 30 }));
    store = await openSqliteStore(join(root.dir, '.driftwatch', 'history.db'));
  });
  afterAll(async () => {
    await store.close();
    await vendor.close();
    await root.cleanup();
  });

  const run = (now: Date): Promise<ScanResult> => scan({ root: root.dir, store, env: {}, now: () => now, sampler: { baseDelayMs: 1, maxDelayMs: 2 } });
  const signalsOf = (result: ScanResult) => result.changes.filter((c) => c.evidence.some((e) => e.source === 'signal'));

  it('45 days out: two warnings on the endpoint that sent them, with the dates; none on the other', async () => {
    const result = await run(NOW);
    const found = signalsOf(result).map((c) => [c.endpoint, c.rule, c.severity, c.after]);
    expect(found).toEqual([
      ['old', 'deprecation-announced', 'warning', '2026-01-01'],
      ['old', 'sunset-announced', 'warning', '2027-01-07'],
    ]);
    const sunset = signalsOf(result).find((c) => c.rule === 'sunset-announced')!;
    expect(sunset.message).toBe("the vendor switches this endpoint off on 2027-01-07 (Sunset header), in 44 days: plan the move before then");
    const deprecation = signalsOf(result).find((c) => c.rule === 'deprecation-announced')!;
    expect(deprecation.message).toContain('on 2026-01-01');
    // A token in the vendor's link is scrubbed before it reaches a message, the store or an output.
    expect(deprecation.message).toContain('https://vendor.test/migrate?token=[REDACTED]');
    expect(JSON.stringify(result)).not.toContain('sig_planted_77');
    for (const file of await readdir(join(root.dir, '.driftwatch'))) {
      expect((await readFile(join(root.dir, '.driftwatch', file))).includes('sig_planted_77'), file).toBe(false);
    }
    expect(result.summary.breaking).toBe(0);
  });

  it('inside the window the same drift escalates to breaking: one fingerprint as days pass', async () => {
    const first = await store.listDrifts({ connector: 'acme' });
    const next = await run(day(20));
    const sunset = signalsOf(next).find((c) => c.rule === 'sunset-announced')!;
    expect(sunset).toMatchObject({ severity: 'breaking', after: '2027-01-07 (within 30 days)' });
    expect(sunset.message).toContain('in 24 days, inside the connector\'s 30-day window');
    expect(next.events.filter((e) => e.drift.rule === 'sunset-announced').map((e) => e.kind)).toEqual(['escalated']);
    expect(next.events.filter((e) => e.drift.rule === 'deprecation-announced').map((e) => e.kind)).toEqual(['seen']);
    const drifts = await store.listDrifts({ connector: 'acme' });
    expect(drifts.map((d) => d.fingerprint).sort()).toEqual(first.map((d) => d.fingerprint).sort());
    expect(drifts.filter((d) => d.rule.endsWith('-announced'))).toHaveLength(2);
  });

  it('resolves both when the vendor withdraws the headers; a failed request resolves nothing', async () => {
    announcing = false;
    vendor.route('GET /v1/old', (_req, res) => sendJson(res, 503, { error: 'down' }));
    const outage = await run(day(21));
    expect(outage.events.filter((e) => e.kind === 'resolved')).toEqual([]);
    vendor.route('GET /v1/old', (_req, res) => sendJson(res, 200, { data: [{ id: 'o1' }] }));
    const quiet = await run(day(22));
    expect(quiet.events.filter((e) => e.kind === 'resolved').map((e) => e.drift.rule).sort()).toEqual(['deprecation-announced', 'sunset-announced']);
  });
});
