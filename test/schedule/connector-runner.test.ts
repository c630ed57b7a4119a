// The connector runner on a fake clock and a fake scan: jitter, no overlap, shutdown, breaker, metrics, leases. No sleeps.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCircuitBreaker, type CircuitBreakerOptions } from '../../src/schedule/circuit-breaker.js';
import { createConnectorRunner, type ConnectorScan, type WatchRunEvent } from '../../src/schedule/connector-runner.js';
import { jitterMs } from '../../src/schedule/jitter.js';
import { holdLease, runningLeaseName, type LeaseStore } from '../../src/schedule/lease-coordinator.js';
import { createWatchMetrics } from '../../src/schedule/metrics.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { FakeClock, settle } from './helpers/fake-clock.js';
import { capturedLogger, failedOutcome, fakeScan, okOutcome } from './helpers/fakes.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const PERIOD_MS = 60_000;

function setup(scan: ConnectorScan, extra: { jitterWindowMs?: number; breaker?: CircuitBreakerOptions; leases?: LeaseStore; instance?: string } = {}) {
  const clock = new FakeClock();
  const log = capturedLogger();
  const metrics = createWatchMetrics({ listDrifts: async () => [], listOutbox: async () => [] }, { defaultMetrics: false });
  const runs: WatchRunEvent[] = [];
  const storeStatus: unknown[] = [];
  const runner = createConnectorRunner({
    instance: extra.instance ?? 'test-instance',
    clock,
    scan,
    breaker: createCircuitBreaker(extra.breaker),
    metrics,
    logger: log.logger,
    periodOf: () => PERIOD_MS,
    jitterWindowMs: extra.jitterWindowMs ?? 5_000,
    onRun: (event) => runs.push(event),
    onStoreStatus: (error) => storeStatus.push(error),
    ...(extra.leases ? { leases: extra.leases } : {}),
  });
  return { clock, log, metrics, runs, storeStatus, runner };
}

const TICK = new Date('2026-11-23T03:00:00.000Z');

describe('connector runner: jitter', () => {
  it('starts each connector of a shared tick at its own fixed offset, never before it, keeping the slot', async () => {
    const fake = fakeScan(() => [okOutcome('x')]);
    const s = setup(fake.scan);
    const names = Array.from({ length: 20 }, (_, i) => `c${String(i).padStart(3, '0')}`);
    const offsets = new Map(names.map((n) => [n, jitterMs(n, 5_000, PERIOD_MS)]));
    const fires = names.map((n) => s.runner.fire(n, TICK));
    await settle();
    expect(fake.calls).toHaveLength(names.filter((n) => offsets.get(n) === 0).length);

    // Step through the window: at each instant exactly the connectors whose offset has passed have started.
    for (let t = 250; t <= 5_000; t += 250) {
      await s.clock.advance(250);
      const started = new Set(fake.calls.map((c) => c.request.connector));
      expect([...started].sort()).toEqual(names.filter((n) => offsets.get(n)! <= t).sort());
    }
    const events = await Promise.all(fires);
    expect(events.every((e) => e?.result === 'ok' && e.slot === TICK.toISOString())).toBe(true);
    // Spread, not bunched: 20 connectors over 5 s use many distinct quarter-seconds.
    expect(new Set([...offsets.values()].map((o) => Math.floor(o / 250))).size).toBeGreaterThanOrEqual(10);
  });

  it('with a window of 0 a fire runs at once; runNow never waits', async () => {
    const fake = fakeScan(() => [okOutcome('x')]);
    const off = setup(fake.scan, { jitterWindowMs: 0 });
    expect((await off.runner.fire('alpha', TICK))?.result).toBe('ok');
    const on = setup(fake.scan);
    expect(jitterMs('alpha', 5_000, PERIOD_MS)).toBeGreaterThan(0);
    expect((await on.runner.runNow('alpha'))?.slot).toBeUndefined();
    expect(fake.calls).toHaveLength(2);
  });
});

describe('connector runner: no overlap', () => {
  it('skips a fire while the previous run of the connector is in flight or still waiting for its offset', async () => {
    const fake = fakeScan();
    const s = setup(fake.scan, { jitterWindowMs: 0 });
    const first = s.runner.runNow('alpha');
    await settle();
    expect(s.runner.state('alpha').running).toBe(true);
    expect(await s.runner.fire('alpha', TICK)).toBeNull();
    expect(await s.runner.runNow('alpha')).toBeNull();
    // Another connector is not held up.
    const other = s.runner.runNow('beta');
    await settle();
    expect(fake.calls.map((c) => c.request.connector)).toEqual(['alpha', 'beta']);
    fake.calls[0]!.finish();
    fake.calls[1]!.finish();
    expect((await first)?.result).toBe('ok');
    expect((await other)?.result).toBe('ok');
    expect(s.runner.state('alpha').running).toBe(false);
    expect(await s.metrics.render()).toMatch(/driftwatch_runs_skipped_total\{connector="alpha",reason="overlap"\} 2/);
    expect(s.log.entries().filter((e) => e.msg.startsWith('previous run still going'))).toHaveLength(2);

    const jittered = setup(fake.scan);
    const waitingFire = jittered.runner.fire('alpha', TICK);
    expect(await jittered.runner.fire('alpha', TICK)).toBeNull();
    await jittered.clock.advance(5_000);
    fake.calls.at(-1)!.finish();
    expect((await waitingFire)?.result).toBe('ok');
  });
});

describe('connector runner: drain (graceful stop)', () => {
  it('drops fires waiting for their offset, refuses new runs, and waits for the run in flight', async () => {
    const fake = fakeScan();
    const s = setup(fake.scan);
    const inFlight = s.runner.runNow('alpha');
    const waitingFire = s.runner.fire('beta', TICK);
    await settle();
    let drained: string[] | undefined;
    const draining = s.runner.drain(30_000).then((still) => (drained = still));
    expect(await waitingFire).toBeNull();
    expect(await s.runner.runNow('gamma')).toBeNull();
    expect(await s.runner.fire('gamma', TICK)).toBeNull();
    await s.clock.advance(10_000);
    expect(drained).toBeUndefined();
    fake.calls[0]!.finish();
    await draining;
    expect(drained).toEqual([]);
    expect((await inFlight)?.result).toBe('ok');
    // Long past beta's offset: it never ran.
    await s.clock.advance(60_000);
    expect(fake.calls.map((c) => c.request.connector)).toEqual(['alpha']);
    const metrics = await s.metrics.render();
    expect(metrics).toMatch(/driftwatch_runs_skipped_total\{connector="beta",reason="stopping"\} 1/);
    expect(metrics).toMatch(/driftwatch_runs_skipped_total\{connector="gamma",reason="stopping"\} 2/);
  });

  it('gives up on a run still going after the grace and names it', async () => {
    const fake = fakeScan();
    const s = setup(fake.scan);
    void s.runner.runNow('stuck');
    await settle();
    let drained: string[] | undefined;
    const draining = s.runner.drain(2_000).then((still) => (drained = still));
    await s.clock.advance(1_999);
    expect(drained).toBeUndefined();
    await s.clock.advance(1);
    await draining;
    expect(drained).toEqual(['stuck']);
  });

  it('forgetting a removed connector drops its fire waiting for its offset', async () => {
    const fake = fakeScan(() => [okOutcome('x')]);
    const s = setup(fake.scan);
    const fire = s.runner.fire('beta', TICK);
    s.runner.forget('beta');
    expect(await fire).toBeNull();
    await s.clock.advance(PERIOD_MS);
    expect(fake.calls).toHaveLength(0);
    expect(await s.metrics.render()).toMatch(/driftwatch_runs_skipped_total\{connector="beta",reason="unscheduled"\} 1/);
  });
});

describe('connector runner: results, state and metrics', () => {
  it('times runs on the monotonic clock and keeps the last run and last success per connector', async () => {
    const fake = fakeScan();
    const s = setup(fake.scan, { jitterWindowMs: 0 });
    const run = s.runner.runNow('alpha');
    await s.clock.advance(1_500);
    fake.calls[0]!.finish();
    const event = await run;
    expect(event).toMatchObject({ instance: 'test-instance', connector: 'alpha', runId: 1, result: 'ok', durationMs: 1_500 });
    expect(s.runs).toEqual([event]);
    const at = s.clock.now().toISOString();
    expect(s.runner.state('alpha')).toEqual({ running: false, lastRunAt: at, lastResult: 'ok', lastSuccessAt: at });

    const failing = s.runner.runNow('alpha');
    await s.clock.advance(500);
    fake.calls[1]!.finish([failedOutcome('alpha')]);
    expect((await failing)?.result).toBe('failed');
    expect(s.runner.state('alpha')).toMatchObject({ lastResult: 'failed', lastSuccessAt: at });
    // A vendor answering garbage is not an outage: the run is ok (drift to report), not failed.
    const garbage = s.runner.runNow('alpha');
    await settle();
    fake.calls[2]!.finish([failedOutcome('alpha', 'invalid-json')]);
    expect((await garbage)?.result).toBe('ok');

    const metrics = await s.metrics.render();
    expect(metrics).toMatch(/driftwatch_scans_total\{connector="alpha",result="ok"\} 2/);
    expect(metrics).toMatch(/driftwatch_scans_total\{connector="alpha",result="failed"\} 1/);
    expect(metrics).toMatch(/driftwatch_samples_total\{connector="alpha",outcome="timeout"\} 1/);
    expect(metrics).toMatch(/driftwatch_scan_duration_seconds_sum\{connector="alpha"\} 2/);
    const finished = s.log.entries().filter((e) => e.msg === 'run finished');
    expect(finished[1]).toMatchObject({ connector: 'alpha', result: 'failed', runId: 2, durationMs: 500, failures: [{ endpoint: 'things', kind: 'timeout' }] });
  });

  it('a scan that throws (a bug, the store down) is an `error` run: logged, counted, reported to health, and the next run goes on', async () => {
    const fake = fakeScan();
    const s = setup(fake.scan, { jitterWindowMs: 0 });
    const run = s.runner.runNow('alpha');
    await settle();
    fake.calls[0]!.fail(new Error('database is locked'));
    expect(await run).toMatchObject({ result: 'error', runId: null });
    expect(s.storeStatus).toHaveLength(1);
    expect((s.storeStatus[0] as Error).message).toBe('database is locked');
    expect(s.runner.state('alpha')).toMatchObject({ lastResult: 'error', lastSuccessAt: null, running: false });
    expect(s.log.entries().some((e) => e.msg === 'run failed' && e.level === 50)).toBe(true);
    const next = s.runner.runNow('alpha');
    await settle();
    fake.calls[1]!.finish();
    expect((await next)?.result).toBe('ok');
    expect(s.storeStatus.at(-1)).toBeNull();
    expect(await s.metrics.render()).toMatch(/driftwatch_scans_total\{connector="alpha",result="error"\} 1/);
  });
});

describe('connector runner: circuit breaker', () => {
  it('opens after failing runs, skips without sampling until the cool-down, then one probe closes it', async () => {
    let down = true;
    const fake = fakeScan((name) => [down ? failedOutcome(name) : okOutcome(name)]);
    const s = setup(fake.scan, { jitterWindowMs: 0, breaker: { threshold: 2, coolDownMs: 60_000 } });
    expect((await s.runner.runNow('flaky'))?.result).toBe('failed');
    expect((await s.runner.runNow('flaky'))?.result).toBe('failed');
    expect(s.log.entries().some((e) => e.msg.startsWith('circuit opened') && e.level === 50 && e.consecutiveFailures === 2)).toBe(true);
    const skipped = await s.runner.runNow('flaky');
    expect(skipped?.result).toBe('skipped');
    expect(skipped?.outcomes.map((o) => (o.ok ? 'ok' : o.failure.kind))).toEqual(['circuit-open']);
    expect(fake.calls).toHaveLength(2);
    let metrics = await s.metrics.render();
    expect(metrics).toMatch(/driftwatch_circuit_open\{connector="flaky"\} 1/);
    expect(metrics).toMatch(/driftwatch_scans_total\{connector="flaky",result="skipped"\} 1/);

    await s.clock.advance(59_999);
    expect((await s.runner.runNow('flaky'))?.result).toBe('skipped');
    await s.clock.advance(1);
    down = false;
    expect((await s.runner.runNow('flaky'))?.result).toBe('ok');
    expect(fake.calls).toHaveLength(3);
    expect(s.log.entries().some((e) => e.msg === 'circuit cool-down over: this run is the probe')).toBe(true);
    expect(s.log.entries().some((e) => e.msg === 'probe succeeded: circuit closed')).toBe(true);
    metrics = await s.metrics.render();
    expect(metrics).toMatch(/driftwatch_circuit_open\{connector="flaky"\} 0/);
  });

  it('a failed probe opens the circuit again; a probe that crashed decides nothing and frees the next probe', async () => {
    const fake = fakeScan();
    // A lost probe would only be retried after the probe timeout (10 min); a crashed one frees the next after the cool-down.
    const s = setup(fake.scan, { jitterWindowMs: 0, breaker: { threshold: 1, coolDownMs: 1_000, probeTimeoutMs: 600_000 } });
    const first = s.runner.runNow('flaky');
    await settle();
    fake.calls[0]!.finish([failedOutcome('flaky')]);
    await first;
    await s.clock.advance(1_000);
    const probe = s.runner.runNow('flaky');
    await settle();
    fake.calls[1]!.finish([failedOutcome('flaky')]);
    await probe;
    expect(s.log.entries().some((e) => e.msg === 'probe failed: circuit open again')).toBe(true);
    await s.clock.advance(1_000);
    const crashed = s.runner.runNow('flaky');
    await settle();
    fake.calls[2]!.fail(new Error('bug'));
    expect((await crashed)?.result).toBe('error');
    expect((await s.runner.runNow('flaky'))?.result).toBe('skipped');
    await s.clock.advance(1_000);
    const again = s.runner.runNow('flaky');
    await settle();
    expect(fake.calls).toHaveLength(4);
    fake.calls[3]!.finish();
    expect((await again)?.result).toBe('ok');
  });
});

describe('connector runner: shared mode', () => {
  it('skips a connector still running on another instance, and frees its running lease when done', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'driftwatch-runner-'));
    const store = await openSqliteStore(join(dir, 'history.db'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }), () => store.close());
    const fake = fakeScan(() => [okOutcome('x')]);
    const s = setup(fake.scan, { jitterWindowMs: 0, leases: store, instance: 'b' });
    const other = await holdLease(store, runningLeaseName('alpha'), { instance: 'a', now: () => s.clock.now(), ttlMs: 30_000 });
    expect(other.held).toBe(true);
    expect(await s.runner.fire('alpha', TICK)).toBeNull();
    expect(fake.calls).toHaveLength(0);
    expect(await s.metrics.render()).toMatch(/driftwatch_runs_skipped_total\{connector="alpha",reason="running-elsewhere"\} 1/);
    await other.release();

    expect((await s.runner.fire('alpha', TICK))?.result).toBe('ok');
    // Released after the run: instance a can take it at once.
    const after = await holdLease(store, runningLeaseName('alpha'), { instance: 'a', now: () => s.clock.now(), ttlMs: 30_000 });
    expect(after.held).toBe(true);
    await after.release();
  });
});
