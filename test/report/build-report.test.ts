// The report's data from a real SQLite history: uptime and percentiles, the window, incidents, timelines, owners.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, chartStart, percentile } from '../../src/app/report.js';
import { endpointStats } from '../../src/app/report-sections.js';
import { fingerprintOf } from '../../src/core/classify.js';
import type { Finding, SampleOutcome } from '../../src/core/model.js';
import { renderHtmlReport } from '../../src/report/html/render-report.js';
import type { ReportData } from '../../src/report/html/report-data.js';
import type { HistoryStore, RunRecord, StoredSample } from '../../src/store/history-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';

const NOW = new Date('2026-11-23T06:00:00.000Z');
const TOKEN = 'sk_live_report_secret_0042';

function ok(endpoint: string, takenAt: string, latencyMs: number): SampleOutcome {
  return {
    ok: true,
    sample: {
      connector: 'billing',
      endpoint,
      method: 'GET',
      url: `http://127.0.0.1:9/v1/${endpoint}`,
      status: 200,
      contentType: 'application/json',
      headers: {},
      latencyMs,
      sizeBytes: 10,
      bodyHash: 'h',
      body: {},
      takenAt,
      attempts: 1,
    },
  };
}

function failed(endpoint: string, takenAt: string): SampleOutcome {
  return { ok: false, failure: { connector: 'billing', endpoint, kind: 'timeout', message: 'timed out', latencyMs: 10_000, attempts: 3, takenAt } };
}

function change(endpoint: string, rule: string, path: string, severity: Finding['severity']): Finding {
  return { connector: 'billing', endpoint, rule, severity, path, message: `${path} ${rule}`, evidence: [{ source: 'snapshot', message: `${path} ${rule}` }], fingerprint: fingerprintOf('billing', endpoint, rule, path) };
}

const observe = (...endpoints: string[]) => ({ observed: endpoints.map((endpoint) => ({ connector: 'billing', endpoint, source: 'snapshot' })) });

async function scanAt(store: HistoryStore, at: string, outcomes: SampleOutcome[], changes: Finding[], observed: string[]): Promise<void> {
  const run = await store.startRun('scan', ['billing'], at);
  await store.recordSamples(run.id, outcomes);
  await store.recordChanges(run.id, changes, observe(...observed), at);
  await store.finishRun(run.id, { breaking: 0, warning: 0, info: 0, errors: 0 }, at);
}

describe('buildReport', () => {
  let root: TempRoot;
  let data: ReportData;
  const removed = change('list-invoices', 'response-property-removed', '$.data[*].memo', 'warning');
  const ancient = change('list-invoices', 'response-format-changed', '$.data[*].created', 'info');
  const retyped = change('list-invoices', 'response-property-type-changed', '$.data[*].amount_due', 'breaking');
  const added = change('get-invoice', 'response-property-added', '$.billing_email', 'info');

  beforeAll(async () => {
    root = await makeTempRoot('driftwatch-report-');
    await root.writeConnector(
      'billing',
      connectorBody('http://127.0.0.1:9', [{ id: 'list-invoices', path: '/v1/invoices' }, { id: 'get-invoice', path: '/v1/invoices/inv_1' }], {
        vendor: 'Ledgerly',
        owner: { name: 'Dana Reyes', slack: '@dana' },
        dataOwner: 'Finance operations',
        failureMode: 'Invoices stop syncing',
        businessProcess: 'Month-end invoicing',
        auth: { type: 'bearer', tokenEnv: 'LEDGERLY_API_KEY' },
      }),
    );
    await root.writeConnector('crm', connectorBody('http://127.0.0.1:9', [{ id: 'contacts', path: '/contacts' }], { vendor: 'Contactly', owner: { name: 'Mallory' } }));
    await writeFile(
      join(root.dir, 'contracts', 'owners.yaml'),
      [
        'people:',
        '  - { id: dana, name: Dana Reyes, slack: "@dana" }',
        '  - { id: mallory, name: Mallory Stone, active: false }',
        'connectors:',
        '  billing: { owner: dana, reviewedAt: "2026-09-01" }',
        '  crm: { owner: mallory, reviewedAt: "2025-01-10" }',
      ].join('\n'),
    );
    const store = await openSqliteStore(join(root.dir, '.driftwatch', 'history.db'));
    try {
      // Long before the window: a drift opened and closed, and samples that must not count.
      await scanAt(store, '2026-09-01T03:00:00.000Z', [ok('list-invoices', '2026-09-01T03:00:00.000Z', 9_999)], [ancient], ['list-invoices']);
      await scanAt(store, '2026-09-02T03:00:00.000Z', [ok('list-invoices', '2026-09-02T03:00:00.000Z', 9_999)], [], ['list-invoices']);
      // Before the window: `removed` opens; it is resolved inside the window.
      await scanAt(store, '2026-10-01T03:00:00.000Z', [ok('list-invoices', '2026-10-01T03:00:00.000Z', 9_999)], [removed], ['list-invoices']);
      await scanAt(store, '2026-10-30T03:00:00.000Z', [ok('list-invoices', '2026-10-30T03:00:00.000Z', 100)], [], ['list-invoices']);
      await scanAt(
        store,
        '2026-11-10T03:00:00.000Z',
        [ok('list-invoices', '2026-11-10T03:00:00.000Z', 200), failed('list-invoices', '2026-11-10T03:00:01.000Z'), ok('get-invoice', '2026-11-10T03:00:00.000Z', 50)],
        [retyped, added],
        ['list-invoices', 'get-invoice'],
      );
      const accept = await store.startRun('accept', ['billing'], '2026-11-12T09:00:00.000Z');
      await store.acceptDrifts('billing', 'get-invoice', '2026-11-12T09:00:05.000Z');
      await store.finishRun(accept.id, { breaking: 0, warning: 0, info: 0, errors: 0 }, '2026-11-12T09:00:10.000Z');
      await scanAt(store, '2026-11-20T03:00:00.000Z', [ok('list-invoices', '2026-11-20T03:00:00.000Z', 300)], [retyped], ['list-invoices']);
      await store.acknowledgeDrift(retyped.fingerprint, 'Ledgerly moved amounts to strings', '2026-11-21T10:00:00.000Z');
      data = await buildReport({ root: root.dir, store, env: { LEDGERLY_API_KEY: TOKEN }, now: NOW });
    } finally {
      await store.close();
    }
  });
  afterAll(() => root.cleanup());

  it('computes uptime and p50/p95 from the samples inside the window only', () => {
    const billing = data.connectors.find((c) => c.row.connector === 'billing')!;
    const list = billing.endpoints.find((e) => e.id === 'list-invoices')!;
    expect(list.samples).toBe(4);
    expect(list.ok).toBe(3);
    expect(list.uptime).toBe(0.75);
    expect(list.p50).toBe(200);
    expect(list.p95).toBe(300);
    expect(list.last).toEqual({ at: '2026-11-20T03:00:00.000Z', ok: true, text: 'HTTP 200' });
    expect(list.points.filter((p) => !p.ok)).toHaveLength(1);
    expect(data.window).toEqual({ since: '2026-10-24T06:00:00.000Z', from: expect.any(String), days: 30 });
  });

  it('lists the incidents of the window with how each ended, and leaves out what closed before it', () => {
    const byPath = Object.fromEntries(data.incidents.map((i) => [i.path, i]));
    expect(Object.keys(byPath).sort()).toEqual(['$.billing_email', '$.data[*].amount_due', '$.data[*].memo']);
    expect(byPath['$.data[*].memo']).toMatchObject({ status: 'resolved', closedAt: '2026-10-30T03:00:00.000Z' });
    // The accept run that accepted it dates the acceptance.
    expect(byPath['$.billing_email']).toMatchObject({ status: 'accepted', closedAt: '2026-11-12T09:00:10.000Z' });
    expect(byPath['$.data[*].amount_due']).toMatchObject({ status: 'acknowledged', closedAt: null, note: 'Ledgerly moved amounts to strings' });
    expect(data.incidents[0]!.firstSeenAt >= data.incidents.at(-1)!.firstSeenAt).toBe(true);
  });

  it('builds the timeline: live at the start, then opened, accepted and resolved in order', () => {
    const billing = data.connectors.find((c) => c.row.connector === 'billing')!;
    expect(billing.timeline.openAtStart).toBe(1);
    expect(billing.timeline.events.map((e) => `${e.kind} ${e.at}`)).toEqual([
      'resolved 2026-10-30T03:00:00.000Z',
      'opened 2026-11-10T03:00:00.000Z',
      'opened 2026-11-10T03:00:00.000Z',
      'accepted 2026-11-12T09:00:10.000Z',
    ]);
    expect(billing.drifts).toEqual({ open: 0, acknowledged: 1, accepted: 1, resolved: 2, breaking: 1 });
    expect(billing.status).toBe('breaking');
  });

  it('marks a connector nobody scanned, and flags the owners who need review', () => {
    const crm = data.connectors.find((c) => c.row.connector === 'crm')!;
    expect(crm.status).toBe('never');
    expect(crm.row.gaps).toEqual(expect.arrayContaining(['dataOwner', 'failureMode', 'businessProcess']));
    const mallory = data.owners.find((o) => o.name === 'Mallory Stone')!;
    expect(mallory.active).toBe(false);
    expect(mallory.reasons).toEqual(['inactive: crm needs a new system owner', 'ownership of crm last reviewed 2025-01-10 (every 180 days)']);
    const dana = data.owners.find((o) => o.name === 'Dana Reyes')!;
    expect(dana.reasons).toEqual([]);
    expect(data.reviews.map((r) => [r.connector, r.status])).toEqual([
      ['billing', 'ok'],
      ['crm', 'overdue'],
    ]);
  });

  it('never lets a secret from the environment into the report', () => {
    const html = renderHtmlReport(data);
    expect(html).not.toContain(TOKEN);
    expect(html).toContain('$LEDGERLY_API_KEY');
    expect(html).toContain('Ledgerly moved amounts to strings');
  });
});

describe('report statistics', () => {
  it.each([
    [[], 0.5, null],
    [[7], 0.95, 7],
    [[300, 100, 200], 0.5, 200],
    [[300, 100, 200], 0.95, 300],
    [Array.from({ length: 100 }, (_, i) => i + 1), 0.95, 95],
    [Array.from({ length: 100 }, (_, i) => i + 1), 0.5, 50],
  ])('percentile(%j, %s) = %s', (values, p, want) => {
    expect(percentile(values, p)).toBe(want);
  });

  it('thins long histories for the sparkline but keeps every failure', () => {
    const samples: StoredSample[] = Array.from({ length: 1000 }, (_, i) => ({
      runId: i,
      connector: 'c',
      endpoint: 'e',
      takenAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      ok: i !== 501,
      status: i === 501 ? null : 200,
      latencyMs: i,
      sizeBytes: 1,
      bodyHash: null,
      errorKind: i === 501 ? 'connection' : null,
    }));
    const stats = endpointStats({ id: 'e', method: 'GET', path: '/' }, samples);
    expect(stats.points.length).toBeLessThanOrEqual(260);
    expect(stats.points.some((p) => !p.ok && p.at === samples[501]!.takenAt)).toBe(true);
    expect(stats.uptime).toBe(0.999);
    expect(stats.last?.at).toBe(samples[999]!.takenAt);
  });

  it('starts the charts at the first run inside the window, not weeks of empty axis before it', () => {
    const run = (startedAt: string): RunRecord => ({ id: 1, kind: 'scan', startedAt, finishedAt: startedAt, finished: true, connectors: [], summary: null });
    const since = '2026-10-24T06:00:00.000Z';
    const until = '2026-11-23T06:00:00.000Z';
    expect(chartStart(since, until, [])).toBe(since);
    expect(chartStart(since, until, [run('2026-09-01T00:00:00.000Z')])).toBe(since);
    const start = chartStart(since, until, [run('2026-11-23T05:00:00.000Z')]);
    expect(start < '2026-11-23T05:00:00.000Z' && start > since).toBe(true);
  });
});

describe('the report after retention', () => {
  it('keeps uptime, sample counts and latency figures when old samples are folded into daily rows', async () => {
    const root = await makeTempRoot('driftwatch-report-retention-');
    try {
      await root.writeConnector('billing', connectorBody('http://127.0.0.1:9', [{ id: 'list-invoices', path: '/v1/invoices' }]));
      const store = await openSqliteStore(join(root.dir, '.driftwatch', 'history.db'));
      try {
        // Sixty nightly runs; each day's latencies are alike, a few days fail once: what a day's row can hold exactly.
        for (let d = 0; d < 60; d++) {
          const day = new Date(Date.parse('2026-09-20T00:00:00.000Z') + d * 86_400_000).toISOString().slice(0, 10);
          const outcomes = [ok('list-invoices', `${day}T03:00:00.000Z`, 100 + (d % 7) * 10), ok('list-invoices', `${day}T15:00:00.000Z`, 100 + (d % 7) * 10)];
          if (d % 9 === 0) outcomes.push(failed('list-invoices', `${day}T16:00:00.000Z`));
          await scanAt(store, `${day}T03:00:00.000Z`, outcomes, [], ['list-invoices']);
        }
        const report = async () => (await buildReport({ root: root.dir, store, env: {}, now: NOW, sinceDays: 90 })).connectors[0]!.endpoints[0]!;
        const before = await report();
        // Everything before November folds into daily rows (as a 30-day retention would on this clock).
        const folded = await store.compactSamples('2026-11-01T00:00:00.000Z');
        expect(folded.days.length).toBeGreaterThan(30);
        const after = await report();
        expect(after.samples).toBe(before.samples);
        expect(after.ok).toBe(before.ok);
        expect(after.uptime).toBe(before.uptime);
        expect(after.p50).toBe(before.p50);
        expect(after.p95).toBe(before.p95);
        expect(after.last).toEqual(before.last);
        // A folded day with a failure still shows as a failure on the chart.
        expect(after.points.filter((p) => !p.ok).length).toBe(before.points.filter((p) => !p.ok).length);
      } finally {
        await store.close();
      }
    } finally {
      await root.cleanup();
    }
  });
});
