// Outages end to end: a local vendor that goes down and comes back, scans on an injected clock, Slack and a PagerDuty
// Events v2 stand-in; the finding's lifecycle, the pages, and the report's incident history and uptime.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accept } from '../../src/app/accept.js';
import { buildReport } from '../../src/app/report.js';
import { endpointStats } from '../../src/app/report-sections.js';
import { scan, type ScanResult } from '../../src/app/scan.js';
import { forgetProjectFacts } from '../../src/owners/project.js';
import { renderHtmlReport } from '../../src/report/html/render-report.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { StoredSample } from '../../src/store/tables.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';
import { startSlackReceiver, visibleText, type SlackReceiver } from './slack-receiver.js';

const ROUTING_KEY = 'pdroutingkeysecret0123456789abcd';
const MIN = 60_000;

describe('outages are incidents', () => {
  let vendor: VendorServer;
  let slack: SlackReceiver;
  let pagerduty: SlackReceiver;
  let root: TempRoot;
  let store: HistoryStore;
  let clock: Date;
  let env: Record<string, string>;
  let down = false;
  const now = () => clock;
  const scanAt = (minutes: number): Promise<ScanResult> => {
    clock = new Date(Date.parse('2026-11-23T09:00:00Z') + minutes * MIN);
    return scan({ root: root.dir, store, env, now, sampler: { baseDelayMs: 1, maxDelayMs: 2, retryAfterCapMs: 5 }, notify: { flush: { maxWaitMs: 0, paceMs: 0 } } });
  };

  beforeAll(async () => {
    vendor = await startVendorServer({
      'GET /v1/invoices': (_req, res) => (down ? sendJson(res, 503, { error: 'maintenance' }) : sendJson(res, 200, { data: [{ id: 'in_1', amount_due: 1200 }] })),
    });
    slack = await startSlackReceiver();
    pagerduty = await startSlackReceiver();
  });
  afterAll(async () => {
    await vendor.close();
    await slack.close();
    await pagerduty.close();
  });
  beforeEach(async () => {
    down = false;
    slack.received.length = 0;
    pagerduty.received.length = 0;
    clock = new Date('2026-11-23T08:00:00Z');
    env = {
      DRIFTWATCH_SLACK_WEBHOOK: slack.webhook('/services/T1/B1/outagehook'),
      DRIFTWATCH_PAGERDUTY_ROUTING_KEY: ROUTING_KEY,
      DRIFTWATCH_PAGERDUTY_URL: `${pagerduty.url}/v2/enqueue`,
    };
    root = await makeTempRoot('driftwatch-outage-');
    forgetProjectFacts();
    await root.writeConnector('billing', connectorBody(vendor.url, [{ id: 'list-invoices', path: '/v1/invoices' }], { vendor: 'Ledgerly' }));
    store = await openSqliteStore(join(root.dir, '.driftwatch', 'history.db'));
    await accept({ root: root.dir, store, env, now });
  });
  afterEach(async () => {
    await store.close();
    await root.cleanup();
  });

  it('opens after 2 runs without an answer, alerts and pages, resolves when a sample succeeds, and the report shows how long it was down', async () => {
    await scanAt(0);
    down = true;
    const blip = await scanAt(10);
    expect(blip.changes.filter((c) => c.rule === 'endpoint-outage')).toEqual([]);

    const opened = await scanAt(20);
    const outage = opened.changes.find((c) => c.rule === 'endpoint-outage')!;
    expect(outage).toMatchObject({ severity: 'breaking', endpoint: 'list-invoices' });
    expect(outage.message).toMatch(/no successful answer for 2 runs in a row \(last: http-status \(HTTP 503\)\)/);
    expect(opened.events.find((e) => e.drift.rule === 'endpoint-outage')?.kind).toBe('opened');
    const alert = visibleText(slack.received.at(-1)!.body);
    expect(alert).toContain('`endpoint-outage`');
    expect(alert).toContain('seen by: failed requests');
    expect(alert).toContain('The vendor is not answering');
    expect(alert).not.toContain('→ `down`');

    // PagerDuty: one trigger, deduplicated on the fingerprint, the routing key only on the wire.
    expect(pagerduty.received).toHaveLength(1);
    expect(pagerduty.received[0]!.path).toBe('/v2/enqueue');
    expect(pagerduty.received[0]!.body).toMatchObject({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: outage.fingerprint,
      payload: { severity: 'critical', source: 'billing', component: 'list-invoices', class: 'endpoint-outage' },
    });
    expect(JSON.stringify(await store.listOutbox())).not.toContain(ROUTING_KEY);

    // Still down: the same incident, nothing new sent.
    await scanAt(40);
    expect(pagerduty.received).toHaveLength(1);

    down = false;
    const back = await scanAt(110);
    expect(back.events.find((e) => e.drift.rule === 'endpoint-outage')?.kind).toBe('resolved');
    expect(pagerduty.received.map((r) => (r.body as { event_action: string }).event_action)).toEqual(['trigger', 'resolve']);
    expect((pagerduty.received[1]!.body as { dedup_key: string }).dedup_key).toBe(outage.fingerprint);
    const drift = await store.getDrift(outage.fingerprint);
    expect(drift).toMatchObject({ status: 'resolved', firstSeenAt: '2026-11-23T09:20:00.000Z', resolvedAt: '2026-11-23T10:50:00.000Z' });

    clock = new Date('2026-11-23T12:00:00Z');
    const data = await buildReport({ root: root.dir, store, env, now: clock });
    const incident = data.incidents.find((i) => i.rule === 'endpoint-outage')!;
    expect(incident).toMatchObject({ status: 'resolved', closedAt: '2026-11-23T10:50:00.000Z' });
    const html = renderHtmlReport(data);
    expect(html).toContain('answering again; down 1 h 30 min');
    expect(html).toContain(`driftwatch history ${outage.fingerprint}`);
  });

  it('a circuit that opens is an outage at once, and the next answered run resolves it', async () => {
    await scanAt(0);
    clock = new Date('2026-11-23T09:30:00Z');
    const gated = await scan({ root: root.dir, store, env, now, gate: () => ({ skip: true, reason: 'circuit open after 5 failures' }), notify: { flush: { maxWaitMs: 0, paceMs: 0 } } });
    const outage = gated.changes.find((c) => c.rule === 'endpoint-outage')!;
    expect(outage.message).toMatch(/^circuit open: driftwatch stopped calling the vendor/);
    expect(vendor.requests.filter((r) => r.url.pathname === '/v1/invoices').length).toBeGreaterThan(0);
    expect(pagerduty.received.at(-1)!.body).toMatchObject({ event_action: 'trigger', dedup_key: outage.fingerprint });
    const back = await scanAt(60);
    expect(back.events.find((e) => e.drift.fingerprint === outage.fingerprint)?.kind).toBe('resolved');
  });
});

describe('uptime counts only requests that were made', () => {
  const sample = (ok: boolean, errorKind: string | null, i: number): StoredSample => ({
    runId: i,
    connector: 'billing',
    endpoint: 'list-invoices',
    takenAt: `2026-11-23T09:0${i}:00.000Z`,
    ok,
    status: ok ? 200 : null,
    latencyMs: 10,
    sizeBytes: ok ? 100 : null,
    bodyHash: null,
    errorKind,
  });
  it('an unset env var or an open circuit is not vendor downtime; a timeout is', () => {
    const stats = endpointStats({ id: 'list-invoices', method: 'GET', path: '/v1/invoices' }, [
      sample(true, null, 1),
      sample(false, 'auth-missing', 2),
      sample(false, 'circuit-open', 3),
      sample(false, 'config', 4),
      sample(false, 'timeout', 5),
      sample(true, null, 6),
    ], [{ connector: 'billing', endpoint: 'list-invoices', day: '2026-11-20', samples: 10, ok: 5, failures: { 'auth-missing': 5 }, p50: 10, p95: 20 }]);
    expect(stats.samples).toBe(3 + 5);
    expect(stats.ok).toBe(2 + 5);
    expect(stats.uptime).toBeCloseTo(7 / 8);
  });
});
