// The composed watch daemon end to end: a local vendor, a SQLite file in a temp root, real cron fires, HTTP health and
// metrics. The parts' rules (jitter, overlap, shutdown, breaker, reconciling) are proved on a fake clock in their own tests.
import { createServer } from 'node:net';
import { readFile, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { accept } from '../../src/app/accept.js';
import { startWatch, type WatchDaemon, type WatchOptions, type WatchRunEvent } from '../../src/schedule/daemon.js';
import { lockFileFor } from '../../src/schedule/store-lock.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { FakeClock } from './helpers/fake-clock.js';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

interface Setup {
  root: TempRoot;
  vendor: VendorServer;
  db: string;
  store: HistoryStore;
  logs: string[];
  runs: WatchRunEvent[];
  start(extra?: Partial<WatchOptions>): Promise<WatchDaemon>;
}

async function setup(routes: Parameters<typeof startVendorServer>[0] = {}): Promise<Setup> {
  const vendor = await startVendorServer({
    '/things': (_req, res) => sendJson(res, 200, { id: 'thing_1', status: 'active' }),
    ...routes,
  });
  const root = await makeTempRoot('driftwatch-watch-');
  const db = join(root.dir, '.driftwatch', 'history.db');
  const store = await openSqliteStore(db);
  cleanups.push(() => root.cleanup(), () => vendor.close(), () => store.close());
  const logs: string[] = [];
  const runs: WatchRunEvent[] = [];
  return {
    root,
    vendor,
    db,
    store,
    logs,
    runs,
    async start(extra = {}) {
      const daemon = await startWatch({
        root: root.dir,
        store,
        location: { kind: 'sqlite', file: db },
        env: { DW_SECRET_TOKEN: 'sk_live_watch_secret_123' },
        sampler: { baseDelayMs: 1, maxDelayMs: 2, retryAfterCapMs: 5 },
        outboxIntervalMs: 0,
        reloadIntervalMs: 0,
        watchFiles: false,
        defaultMetrics: false,
        logDestination: { write: (line: string) => void logs.push(line) },
        onRun: (event) => runs.push(event),
        ...extra,
      });
      cleanups.push(() => daemon.stop('test over'));
      return daemon;
    },
  };
}

async function until(predicate: () => boolean | Promise<boolean>, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function parsedLogs(logs: readonly string[]): Array<Record<string, unknown>> {
  return logs.flatMap((chunk) => chunk.split('\n').filter(Boolean)).map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('driftwatch watch: scheduling', () => {
  it('runs each connector on its schedule, records watch runs, and serves /healthz and /metrics', async () => {
    const s = await setup();
    await s.root.writeConnector('alpha', connectorBody(s.vendor.url, [{ id: 'things', path: '/things' }], { auth: { type: 'bearer', tokenEnv: 'DW_SECRET_TOKEN' } }));
    await s.root.writeConnector('beta', connectorBody(s.vendor.url, [{ id: 'things', path: '/things' }]));
    const daemon = await s.start({ everySeconds: 1, port: 0 });
    expect(daemon.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(daemon.schedules().map((p) => [p.connector, p.expression])).toEqual([
      ['alpha', '* * * * * *'],
      ['beta', '* * * * * *'],
    ]);

    await until(() => s.runs.filter((r) => r.connector === 'alpha').length >= 2 && s.runs.some((r) => r.connector === 'beta'));
    expect(s.runs.every((r) => r.result === 'ok' && r.slot !== undefined)).toBe(true);
    const runs = await s.store.listRuns();
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.every((r) => r.kind === 'watch')).toBe(true);
    expect((await s.store.listSamples({ connector: 'alpha' })).every((x) => x.ok)).toBe(true);

    const health = await request(`${daemon.url}/healthz`);
    expect(health.statusCode).toBe(200);
    const body = (await health.body.json()) as { status: string; store: string; connectors: Array<{ name: string; lastResult: string; nextRun: string | null; circuit: string }> };
    expect(body.status).toBe('ok');
    expect(body.store).toBe('sqlite');
    expect(body.connectors.map((c) => c.name)).toEqual(['alpha', 'beta']);
    expect(body.connectors[0]).toMatchObject({ lastResult: 'ok', circuit: 'closed' });
    expect(body.connectors[0]!.nextRun).not.toBeNull();

    const metrics = await request(`${daemon.url}/metrics`);
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    const text = await metrics.body.text();
    expect(text).toMatch(/driftwatch_scans_total\{connector="alpha",result="ok"\} [1-9]/);
    expect(text).toMatch(/driftwatch_samples_total\{connector="beta",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/driftwatch_last_successful_scan_timestamp_seconds\{connector="alpha"\} \d{10}/);
    expect(text).toMatch(/driftwatch_drifts_open\{severity="breaking"\} 0/);
    expect(text).toMatch(/driftwatch_outbox_depth 0/);
    expect(text).toMatch(/driftwatch_scan_duration_seconds_count\{connector="alpha"\} [1-9]/);
    expect((await request(`${daemon.url}/nope`)).statusCode).toBe(404);

    // Runs of one tick carry the tick as their slot, whatever their jitter offset.
    expect(s.runs.every((r) => Date.parse(r.slot!) % 1_000 === 0)).toBe(true);

    await daemon.stop();
    expect(daemon.health().status).toBe('stopping');
    expect(daemon.health().connectors).toEqual([expect.objectContaining({ name: 'alpha', nextRun: null }), expect.objectContaining({ name: 'beta', nextRun: null })]);
    expect(await daemon.runNow('alpha')).toBeNull();
    await expect(readFile(lockFileFor(s.db), 'utf8')).rejects.toThrow(/ENOENT/);
    await expect(request(`${daemon.url}/healthz`)).rejects.toThrow();

    // Logs: one JSON object per line, the runs in them, and never the secret.
    const entries = parsedLogs(s.logs);
    expect(entries.some((e) => e.msg === 'run finished' && e.connector === 'alpha' && e.result === 'ok')).toBe(true);
    expect(entries.some((e) => e.msg === 'driftwatch watch stopped')).toBe(true);
    expect(s.logs.join('')).not.toContain('sk_live_watch_secret_123');
  });

  it('never overlaps a connector with itself', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const s = await setup({
      '/slow': async (_req, res) => {
        await gate;
        sendJson(res, 200, { id: 'slow_1' });
      },
    });
    await s.root.writeConnector('slow', connectorBody(s.vendor.url, [{ id: 'slow', path: '/slow' }], { schedule: '0 3 * * *' }));
    const daemon = await s.start();
    const first = daemon.runNow('slow');
    await until(() => s.vendor.inFlight === 1);
    expect(await daemon.runNow('slow')).toBeNull();
    release();
    expect((await first)?.result).toBe('ok');
    expect(s.vendor.requests.filter((r) => r.path === '/slow')).toHaveLength(1);
    expect(s.vendor.maxInFlight).toBe(1);
  });

  it('stops gracefully: the run in flight finishes and is recorded, nothing new starts, /healthz says stopping', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const s = await setup({
      '/slow': async (_req, res) => {
        await gate;
        sendJson(res, 200, { id: 'slow_1' });
      },
    });
    await s.root.writeConnector('slow', connectorBody(s.vendor.url, [{ id: 'slow', path: '/slow' }], { schedule: '0 3 * * *' }));
    const daemon = await s.start({ port: 0 });
    const inFlight = daemon.runNow('slow');
    await until(() => s.vendor.inFlight === 1);
    const stopping = daemon.stop('SIGTERM (test)');
    const health = await request(`${daemon.url}/healthz`);
    expect(health.statusCode).toBe(503);
    expect(((await health.body.json()) as { status: string }).status).toBe('stopping');
    expect(await daemon.runNow('slow')).toBeNull();
    release();
    await stopping;
    expect((await inFlight)?.result).toBe('ok');
    const [run] = await s.store.listRuns(1);
    expect(run).toMatchObject({ kind: 'watch', finished: true });
    expect(await s.store.unfinishedRuns()).toEqual([]);
  });

  it('a run still going past the shutdown grace stays unfinished in the history', async () => {
    const s = await setup({ '/never': () => {} });
    await s.root.writeConnector('stuck', connectorBody(s.vendor.url, [{ id: 'never', path: '/never' }], { schedule: '0 3 * * *', timeoutMs: 5_000 }));
    const daemon = await s.start({ shutdownGraceMs: 50 });
    void daemon.runNow('stuck');
    await until(() => s.vendor.inFlight === 1);
    await daemon.stop();
    expect((await s.store.unfinishedRuns()).map((r) => r.kind)).toEqual(['watch']);
    expect(parsedLogs(s.logs).some((e) => typeof e.msg === 'string' && e.msg.includes('stay marked unfinished'))).toBe(true);
  });
});

describe('driftwatch watch: one watcher per store', () => {
  it('refuses to start twice on the same SQLite file, and starts again once the first stopped', async () => {
    const s = await setup();
    await s.root.writeConnector('alpha', connectorBody(s.vendor.url, [{ id: 'things', path: '/things' }], { schedule: '0 3 * * *' }));
    const first = await s.start();
    const other = await openSqliteStore(s.db);
    cleanups.push(() => other.close());
    await expect(
      startWatch({ root: s.root.dir, store: other, location: { kind: 'sqlite', file: s.db }, env: {}, watchFiles: false, logDestination: { write: () => {} } }),
    ).rejects.toMatchObject({ code: 'STORE_LOCKED' });
    await first.stop();
    const again = await startWatch({ root: s.root.dir, store: other, location: { kind: 'sqlite', file: s.db }, env: {}, watchFiles: false, reloadIntervalMs: 0, outboxIntervalMs: 0, defaultMetrics: false, logDestination: { write: () => {} } });
    expect(again.schedules()).toHaveLength(1);
    await again.stop();
  });

  it('reports runs a killed process left unfinished when it starts', async () => {
    const s = await setup();
    await s.store.startRun('scan', ['alpha'], '2026-11-23T03:00:00.000Z');
    await s.start();
    const warning = parsedLogs(s.logs).find((e) => typeof e.msg === 'string' && e.msg.includes('never finished'));
    expect(warning).toBeDefined();
    expect(warning!.level).toBe(40);
  });
});

describe('driftwatch watch: reloads edited connector files without a restart', () => {
  it('schedules new connectors, reschedules edited ones, drops removed ones, keeps a broken one on its old schedule', async () => {
    const s = await setup();
    await s.root.writeConnector('alpha', connectorBody(s.vendor.url, [{ id: 'things', path: '/things' }], { schedule: '0 3 * * *' }));
    const daemon = await s.start({ watchFiles: true });
    expect(daemon.schedules().map((p) => p.connector)).toEqual(['alpha']);

    await s.root.writeConnector('beta', connectorBody(s.vendor.url, [{ id: 'things', path: '/things' }], { schedule: '* * * * * *' }));
    await until(() => daemon.schedules().some((p) => p.connector === 'beta'));
    await until(() => s.runs.some((r) => r.connector === 'beta'));

    await s.root.writeConnector('alpha', connectorBody(s.vendor.url, [{ id: 'things', path: '/things' }], { schedule: '0 4 * * *' }));
    await until(() => daemon.schedules().find((p) => p.connector === 'alpha')?.expression === '0 4 * * *');

    await s.root.writeConnector('alpha', 'name: alpha\nowner: [unclosed\n');
    await daemon.reload();
    expect(daemon.schedules().find((p) => p.connector === 'alpha')?.expression).toBe('0 4 * * *');
    expect((daemon.health().problems as string[]).some((p) => p.includes('alpha'))).toBe(true);

    // Dropped: its task is destroyed and its state forgotten (that no fire follows is proved in scheduler.test.ts
    // and connector-runner.test.ts on a fake clock, instead of waiting here for something not to happen).
    await rm(join(s.root.dir, 'contracts', 'beta'), { recursive: true });
    await until(() => !daemon.schedules().some((p) => p.connector === 'beta'));
    expect(daemon.health().connectors).toEqual([expect.objectContaining({ name: 'alpha' })]);
  });

  it('a periodic re-read picks up edits even without file-system events', async () => {
    const s = await setup();
    await s.root.writeConnector('alpha', connectorBody(s.vendor.url, [{ id: 'things', path: '/things' }], { schedule: '0 3 * * *' }));
    const daemon = await s.start({ watchFiles: false, reloadIntervalMs: 100 });
    await s.root.writeConnector('gamma', connectorBody(s.vendor.url, [{ id: 'things', path: '/things' }], { schedule: '0 5 * * *' }));
    await until(() => daemon.schedules().some((p) => p.connector === 'gamma'));
  });
});

describe('driftwatch watch: circuit breaker', () => {
  it('skips a failing connector as circuit-open (recorded, logged), then one probe closes it again', async () => {
    let down = true;
    const s = await setup({
      '/flaky': (_req, res) => (down ? sendJson(res, 503, { error: 'down' }) : sendJson(res, 200, { id: 'x' })),
    });
    await s.root.writeConnector('flaky', connectorBody(s.vendor.url, [{ id: 'flaky', path: '/flaky' }], { schedule: '0 3 * * *' }));
    await s.root.writeConnector('fine', connectorBody(s.vendor.url, [{ id: 'things', path: '/things' }], { schedule: '0 3 * * *' }));
    let clock = new Date('2026-11-23T03:00:00.000Z').getTime();
    const daemon = await s.start({ now: () => new Date(clock), breaker: { threshold: 2, coolDownMs: 60_000 }, port: 0 });

    expect((await daemon.runNow('flaky'))?.result).toBe('failed');
    expect((await daemon.runNow('flaky'))?.result).toBe('failed');
    const requestsWhenOpened = s.vendor.requests.length;
    const skipped = await daemon.runNow('flaky');
    expect(skipped?.result).toBe('skipped');
    expect(s.vendor.requests.length).toBe(requestsWhenOpened);
    expect((await daemon.runNow('fine'))?.result).toBe('ok');

    const samples = await s.store.listSamples({ connector: 'flaky' });
    expect(samples.at(-1)).toMatchObject({ ok: false, errorKind: 'circuit-open' });
    const entries = parsedLogs(s.logs);
    expect(entries.some((e) => e.msg === 'circuit opened: the vendor keeps failing, the connector is skipped until the cool-down passes' && e.connector === 'flaky')).toBe(true);
    const metrics = await (await request(`${daemon.url}/metrics`)).body.text();
    expect(metrics).toMatch(/driftwatch_circuit_open\{connector="flaky"\} 1/);
    expect(metrics).toMatch(/driftwatch_scans_total\{connector="flaky",result="skipped"\} 1/);
    expect(metrics).toMatch(/driftwatch_samples_total\{connector="flaky",outcome="circuit-open"\} 1/);
    const health = (await (await request(`${daemon.url}/healthz`)).body.json()) as { connectors: Array<{ name: string; circuit: string }> };
    expect(health.connectors.find((c) => c.name === 'flaky')?.circuit).toBe('open');

    down = false;
    clock += 61_000;
    expect((await daemon.runNow('flaky'))?.result).toBe('ok');
    expect(s.vendor.requests.length).toBe(requestsWhenOpened + 2);
    expect(parsedLogs(s.logs).some((e) => e.msg === 'probe succeeded: circuit closed')).toBe(true);
    expect(await (await request(`${daemon.url}/metrics`)).body.text()).toMatch(/driftwatch_circuit_open\{connector="flaky"\} 0/);
  });
});

describe('driftwatch watch: losing the store', () => {
  it('stops when its lock file is removed (checked on the clock), and reports a failing store as degraded', async () => {
    const s = await setup();
    await s.root.writeConnector('alpha', connectorBody(s.vendor.url, [{ id: 'things', path: '/things' }], { schedule: '0 3 * * *' }));
    const clock = new FakeClock();
    const daemon = await s.start({ clock, port: 0 });
    expect((await daemon.runNow('alpha'))?.result).toBe('ok');
    expect(daemon.health().status).toBe('ok');

    await unlink(lockFileFor(s.db));
    await clock.advance(10_000);
    await daemon.stopped;
    const entries = parsedLogs(s.logs);
    expect(entries.some((e) => e.level === 50 && typeof e.msg === 'string' && e.msg.includes('was removed or replaced: stopping so two watchers never share the store'))).toBe(true);
    expect(entries.find((e) => e.msg === 'driftwatch watch stopped')?.reason).toMatch(/removed or replaced/);
  });

  it('a run whose store fails is an error run and /healthz turns degraded (503) with the reason', async () => {
    const s = await setup();
    await s.root.writeConnector('alpha', connectorBody(s.vendor.url, [{ id: 'things', path: '/things' }], { schedule: '0 3 * * *' }));
    const daemon = await s.start({ port: 0 });
    await s.store.close();
    expect((await daemon.runNow('alpha'))?.result).toBe('error');
    const health = await request(`${daemon.url}/healthz`);
    expect(health.statusCode).toBe(503);
    expect(await health.body.json()).toMatchObject({ status: 'degraded', storeError: expect.any(String), connectors: [expect.objectContaining({ name: 'alpha', lastResult: 'error' })] });
  });

  it('a port already in use fails the start as an operational error and leaves the store free', async () => {
    const s = await setup();
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => busy.close(resolve)));
    const port = (busy.address() as { port: number }).port;
    await expect(s.start({ port })).rejects.toMatchObject({ message: `port ${port} is already in use: pick another with --port` });
    await expect(readFile(lockFileFor(s.db), 'utf8')).rejects.toThrow(/ENOENT/);
    const again = await s.start();
    await again.stop();
  });
});

describe('driftwatch watch: notifications', () => {
  it("tells the owner about a run's drift: enqueued in the outbox by the run and delivered", async () => {
    let release = false;
    const received: string[] = [];
    const s = await setup({
      // The release sends the status as a number: a retype is news on its first sighting.
      '/things': (_req, res) => sendJson(res, 200, release ? { id: 'thing_1', status: 1 } : { id: 'thing_1', status: 'active' }),
      'POST /hook': (_req, res, ctx) => {
        received.push(ctx.body);
        sendJson(res, 200, { ok: true });
      },
    });
    await s.root.writeConnector('alpha', connectorBody(s.vendor.url, [{ id: 'things', path: '/things' }], { schedule: '0 3 * * *' }));
    await accept({ root: s.root.dir, store: s.store, env: {}, now: () => new Date() });
    release = true;
    const daemon = await s.start({ env: { DRIFTWATCH_WEBHOOK_URL: `${s.vendor.url}/hook` } });
    expect((await daemon.runNow('alpha'))?.result).toBe('ok');
    const line = parsedLogs(s.logs).find((e) => e.msg === 'notifications');
    expect(line).toMatchObject({ connector: 'alpha', enqueued: 1, delivered: 1, failed: 0 });
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]!)).toMatchObject({ type: 'driftwatch.drift', connector: 'alpha' });
    expect(await s.store.listOutbox({ pending: true })).toEqual([]);
  });
});

describe('driftwatch watch: the outbox', () => {
  it('retries pending notifications on its tick until the webhook takes them', async () => {
    let failures = 1;
    const received: string[] = [];
    const s = await setup({
      'POST /hook': (_req, res, ctx) => {
        if (failures-- > 0) return sendJson(res, 503, { error: 'try later' });
        received.push(ctx.body);
        sendJson(res, 200, { ok: true });
      },
    });
    await s.root.writeConnector('alpha', connectorBody(s.vendor.url, [{ id: 'things', path: '/things' }], { schedule: '0 3 * * *' }));
    const at = new Date().toISOString();
    await s.store.enqueue({ key: 'k1', connector: 'alpha', target: 'webhook:DW_HOOK', payload: { text: 'drift!' }, createdAt: at, nextAttemptAt: at });
    await s.start({ env: { DW_HOOK: `${s.vendor.url}/hook` }, outboxIntervalMs: 50, flush: { baseDelayMs: 10, maxDelayMs: 20 } });
    await until(async () => (await s.store.listOutbox({ pending: true })).length === 0);
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]!)).toEqual({ text: 'drift!' });
    const [message] = await s.store.listOutbox();
    expect(message!.attempts).toBe(2);
  });
});

