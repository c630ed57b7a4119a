// Runs one connector at a time: jitter, no overlap, the per-run lease in shared mode, the circuit breaker, metrics, last-run state.
import type { Connector, SampleOutcome } from '../core/model.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import { isOperationalFailure } from './circuit-breaker.js';
import type { Cancel, Clock } from './clock.js';
import { jitterMs } from './jitter.js';
import { holdLease, runningLeaseName, type HeldLease, type LeaseStore } from './lease-coordinator.js';
import type { ScanResultLabel, WatchMetrics } from './metrics.js';

/** What the runner hands the scan: the fields of the scan use case's options it owns. */
export interface ScanRequest {
  connector: string;
  gate: (connector: Connector) => { skip: false } | { skip: true; reason: string };
  onConnectorDone: (connector: Connector, outcomes: readonly SampleOutcome[]) => void;
  log: (line: string) => void;
}

/** Scan one connector, record it, notify: the daemon injects the use case, tests a fake. */
export type ConnectorScan = (request: ScanRequest) => Promise<{ runId: number; summary: object }>;

export interface WatchRunEvent {
  instance: string;
  connector: string;
  /** The scheduled slot (ISO), absent for runNow(). */
  slot?: string;
  runId: number | null;
  result: ScanResultLabel;
  durationMs: number;
  outcomes: readonly SampleOutcome[];
}

/** The four logger calls the daemon's parts use (pino's Logger has them). */
export interface WatchLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface RunnerOptions {
  instance: string;
  clock: Clock;
  scan: ConnectorScan;
  breaker: CircuitBreaker;
  metrics: Pick<WatchMetrics, 'observeScan' | 'observeSamples' | 'markSuccess' | 'setCircuit' | 'countSkip' | 'forget'>;
  logger: WatchLogger;
  /** Shared mode: a run holds `watch-running:<connector>` so a run outliving its period is not started elsewhere. */
  leases?: LeaseStore;
  /** A connector's schedule period (ms): bounds its jitter and its running lease. */
  periodOf(connector: string): number | undefined;
  /** Spread of scheduled runs after their tick (0: none). */
  jitterWindowMs: number;
  onRun?: (event: WatchRunEvent) => void;
  /** Told after each run and outbox flush whether the store answered: feeds /healthz. */
  onStoreStatus?: (error: unknown) => void;
}

export interface RunState {
  running: boolean;
  lastRunAt: string | null;
  lastResult: ScanResultLabel | null;
  lastSuccessAt: string | null;
}

export interface ConnectorRunner {
  /** A scheduled fire for `slot`: waits the connector's jitter, then runs it (null when skipped). */
  fire(connector: string, slot: Date): Promise<WatchRunEvent | null>;
  /** Runs now, outside its schedule and without jitter (same overlap, breaker and lease rules). */
  runNow(connector: string): Promise<WatchRunEvent | null>;
  state(connector: string): RunState;
  /** Connectors whose run is in flight. */
  running(): string[];
  /** A connector no longer scheduled: its state, circuit and per-connector gauges go. */
  forget(connector: string): void;
  /** No new runs; fires waiting for their jitter are dropped; waits for runs in flight up to `graceMs`. Returns those still going. */
  drain(graceMs: number): Promise<string[]>;
}

const DEFAULT_PERIOD_MS = 60_000;

export function createConnectorRunner(options: RunnerOptions): ConnectorRunner {
  const { clock, breaker, metrics, logger, instance } = options;
  const running = new Set<string>();
  const waiting = new Map<string, { cancel: Cancel; drop: () => void }>();
  const inflight = new Set<Promise<unknown>>();
  const lastRun = new Map<string, { at: string; result: ScanResultLabel }>();
  const lastSuccess = new Map<string, string>();
  let closed = false;

  function refuse(name: string, slot: string | undefined): boolean {
    if (closed) {
      metrics.countSkip(name, 'stopping');
      return true;
    }
    if (running.has(name) || waiting.has(name)) {
      metrics.countSkip(name, 'overlap');
      logger.warn({ connector: name, slot }, 'previous run still going: this fire is skipped (no overlap)');
      return true;
    }
    return false;
  }

  async function execute(name: string, slot: string | undefined): Promise<WatchRunEvent | null> {
    running.add(name);
    const job = runOnce(name, slot);
    inflight.add(job);
    try {
      return await job;
    } finally {
      inflight.delete(job);
      running.delete(name);
    }
  }

  function finish(event: WatchRunEvent): WatchRunEvent {
    options.onRun?.(event);
    return event;
  }

  async function runOnce(name: string, slot: string | undefined): Promise<WatchRunEvent | null> {
    const started = clock.monotonicMs();
    const elapsed = (): number => clock.monotonicMs() - started;
    let lease: HeldLease | undefined;
    let outcomes: readonly SampleOutcome[] = [];
    let skipped = false;
    try {
      if (options.leases) {
        const period = options.periodOf(name) ?? DEFAULT_PERIOD_MS;
        lease = await holdLease(options.leases, runningLeaseName(name), {
          instance,
          now: () => clock.now(),
          ttlMs: Math.min(60_000, Math.max(1_000, Math.floor(period / 2))),
          onLost: () => logger.warn({ connector: name }, 'lost the running lease of this connector: another instance may start it'),
        });
        if (!lease.held) {
          metrics.countSkip(name, 'running-elsewhere');
          logger.info({ connector: name, slot }, 'still running on another instance: this fire is skipped');
          return null;
        }
      }
      const result = await options.scan({
        connector: name,
        log: (line) => logger.debug({ connector: name }, line),
        gate: (connector) => {
          const decision = breaker.gate(connector.name, clock.now());
          if (decision.skip) {
            skipped = true;
            logger.warn({ connector: connector.name, reason: decision.reason }, 'circuit open: connector skipped');
            return decision;
          }
          if (decision.probe) logger.warn({ connector: connector.name }, 'circuit cool-down over: this run is the probe');
          return { skip: false };
        },
        onConnectorDone: (connector, done) => {
          outcomes = done;
          recordCircuit(connector.name, done);
        },
      });
      options.onStoreStatus?.(null);
      const durationMs = elapsed();
      const label: ScanResultLabel = skipped ? 'skipped' : isOperationalFailure(outcomes) ? 'failed' : 'ok';
      metrics.observeScan(name, label, durationMs / 1000);
      metrics.observeSamples(name, outcomes);
      const at = clock.now();
      lastRun.set(name, { at: at.toISOString(), result: label });
      if (label === 'ok') {
        metrics.markSuccess(name, at);
        lastSuccess.set(name, at.toISOString());
      }
      const failures = outcomes.flatMap((o) => (o.ok || o.failure.kind === 'circuit-open' ? [] : [o.failure]));
      logger.info(
        {
          connector: name,
          slot,
          runId: result.runId,
          result: label,
          durationMs: Math.round(durationMs),
          samples: outcomes.length,
          failures: failures.map((f) => ({ endpoint: f.endpoint, kind: f.kind, message: f.message })),
          ...result.summary,
        },
        'run finished',
      );
      return finish({ instance, connector: name, runId: result.runId, result: label, durationMs, outcomes, ...(slot ? { slot } : {}) });
    } catch (error) {
      // Not a vendor failure (those are values): a bug or the store failing. Logged, counted, and the daemon goes on.
      options.onStoreStatus?.(error);
      breaker.abandonProbe(name, clock.now());
      const durationMs = elapsed();
      metrics.observeScan(name, 'error', durationMs / 1000);
      lastRun.set(name, { at: clock.now().toISOString(), result: 'error' });
      logger.error({ connector: name, slot, err: error }, 'run failed');
      return finish({ instance, connector: name, runId: null, result: 'error', durationMs, outcomes, ...(slot ? { slot } : {}) });
    } finally {
      await lease?.release().catch((error: unknown) => logger.warn({ connector: name, err: error }, 'could not release the running lease'));
    }
  }

  function dropWaiting(name: string, fire: { cancel: Cancel; drop: () => void }, reason: string): void {
    waiting.delete(name);
    fire.cancel();
    fire.drop();
    metrics.countSkip(name, reason);
  }

  function recordCircuit(name: string, outcomes: readonly SampleOutcome[]): void {
    const transition = breaker.record(name, outcomes, clock.now());
    const state = breaker.state(name);
    metrics.setCircuit(name, state.state !== 'closed');
    if (transition === 'opened' || transition === 'reopened') {
      logger.error(
        { connector: name, consecutiveFailures: state.consecutiveFailures, probeAfter: state.probeAfter },
        transition === 'opened' ? 'circuit opened: the vendor keeps failing, the connector is skipped until the cool-down passes' : 'probe failed: circuit open again',
      );
    } else if (transition === 'closed') {
      logger.info({ connector: name }, 'probe succeeded: circuit closed');
    }
  }

  return {
    fire(name, slotDate) {
      const slot = slotDate.toISOString();
      if (refuse(name, slot)) return Promise.resolve(null);
      const delay = jitterMs(name, options.jitterWindowMs, options.periodOf(name) ?? DEFAULT_PERIOD_MS);
      if (delay === 0) return execute(name, slot);
      return new Promise<WatchRunEvent | null>((resolve) => {
        const cancel = clock.after(delay, () => {
          waiting.delete(name);
          resolve(execute(name, slot));
        });
        waiting.set(name, { cancel, drop: () => resolve(null) });
      });
    },
    runNow(name) {
      return refuse(name, undefined) ? Promise.resolve(null) : execute(name, undefined);
    },
    state(name) {
      const last = lastRun.get(name);
      return { running: running.has(name), lastRunAt: last?.at ?? null, lastResult: last?.result ?? null, lastSuccessAt: lastSuccess.get(name) ?? null };
    },
    running: () => [...running],
    forget(name) {
      // A fire still waiting for its jitter belongs to a schedule that no longer exists.
      const fire = waiting.get(name);
      if (fire) dropWaiting(name, fire, 'unscheduled');
      lastRun.delete(name);
      lastSuccess.delete(name);
      breaker.forget(name);
      metrics.forget(name);
    },
    async drain(graceMs) {
      closed = true;
      for (const [name, fire] of waiting) dropWaiting(name, fire, 'stopping');
      let cancel: Cancel = () => {};
      const timedOut = await Promise.race([
        Promise.allSettled([...inflight]).then(() => false),
        new Promise<boolean>((resolve) => (cancel = clock.after(graceMs, () => resolve(true)))),
      ]);
      cancel();
      return timedOut ? [...running] : [];
    },
  };
}
