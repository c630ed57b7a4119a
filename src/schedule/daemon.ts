// The watch daemon: schedules each connector's scan with node-cron, with a lock, a circuit breaker, outbox retries, reloads, health and metrics.
import { randomUUID } from 'node:crypto';
import { watch as watchFiles, type FSWatcher } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createTask, type ScheduledTask } from 'node-cron';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { Dispatcher } from 'undici';
import type { SampleOutcome } from '../core/model.js';
import { connectorNameFromFile, loadConnectors } from '../config/load-connectors.js';
import { formatProblem } from '../config/format-problem.js';
import { scan, type ScanOptions } from '../app/scan.js';
import { notifyRun } from '../app/notify-run.js';
import { flushOutbox, type FlushOptions } from '../notify/flush-outbox.js';
import type { HistoryStore } from '../store/history-store.js';
import { DriftwatchError, operationalError } from '../errors.js';
import { createCircuitBreaker, isOperationalFailure, type CircuitBreakerOptions } from './circuit-breaker.js';
import { startHealthServer, type HealthReport, type HealthServer } from './health-server.js';
import { createLeaseCoordinator, holdLease, runningLeaseName, type HeldLease, type LeaseStore } from './lease-coordinator.js';
import { createWatchMetrics, type ScanResultLabel, type WatchMetrics } from './metrics.js';
import { planSchedules, sameSchedule, type PlannedSchedule } from './schedules.js';
import type { StoreLocation } from '../store/open-store.js';
import { acquireStoreLock, type StoreLock } from './store-lock.js';

export type WatchMode = 'exclusive' | 'shared';

export interface WatchOptions {
  root: string;
  store: HistoryStore;
  /** Where the store lives: a SQLite file gets the exclusive lock file next to it. */
  location: StoreLocation;
  env: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
  /**
   * `exclusive` (the default for SQLite): refuses to start while another daemon holds the store.
   * `shared` (the default for PostgreSQL): several daemons on one store, each scheduled run happens once among them.
   */
  mode?: WatchMode;
  /** Port for /healthz and /metrics on 127.0.0.1 (0: any free port); undefined: no HTTP endpoint. */
  port?: number;
  host?: string;
  /** Time zone for connectors that do not name their own. */
  timezone?: string;
  /** Overrides every connector's schedule with one firing every N seconds. */
  everySeconds?: number;
  breaker?: CircuitBreakerOptions;
  /** How often the outbox is retried. Default 60 s; 0 turns it off. */
  outboxIntervalMs?: number;
  /** How often connector files are re-read even without a file-system event. Default 30 s; 0 turns it off. */
  reloadIntervalMs?: number;
  /** React to edits in contracts/ at once (fs.watch). Default true. */
  watchFiles?: boolean;
  /** How long stop() waits for in-flight runs. Default 30 s; a run still going after that stays unfinished in the history. */
  shutdownGraceMs?: number;
  /** Send notifications for each run's drift events. Default true. */
  notify?: boolean;
  flush?: Omit<FlushOptions, 'env' | 'now'>;
  sampler?: ScanOptions['sampler'];
  dispatcher?: Dispatcher;
  /** Structured logs go here (default: stderr). */
  logDestination?: DestinationStream;
  logLevel?: string;
  /** Process metrics (cpu, memory, event loop) on /metrics. Default true. */
  defaultMetrics?: boolean;
  /** Close the store when the daemon stops. Default false: whoever opened it closes it. */
  closeStore?: boolean;
  instanceId?: string;
  /** Called after every run this instance executed (tests, benchmarks). */
  onRun?: (event: WatchRunEvent) => void;
}

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

export interface ConnectorStatus {
  name: string;
  schedule: string;
  timezone: string | null;
  nextRun: string | null;
  lastRunAt: string | null;
  lastResult: ScanResultLabel | null;
  lastSuccessAt: string | null;
  circuit: string;
  running: boolean;
}

export interface WatchDaemon {
  instance: string;
  mode: WatchMode;
  /** Base URL of /healthz and /metrics, or null without a port. */
  url: string | null;
  schedules(): PlannedSchedule[];
  health(): HealthReport;
  /** Re-reads contracts/ and reschedules what changed. */
  reload(): Promise<void>;
  /** Runs one connector now, outside its schedule (same overlap, breaker and lease rules). */
  runNow(connector: string): Promise<WatchRunEvent | null>;
  /** Flushes the outbox now. */
  flushNow(): Promise<void>;
  /** Stops scheduling, waits for in-flight runs (up to the grace), closes the endpoint, releases the lock. Idempotent. */
  stop(reason?: string): Promise<void>;
  /** Resolves once stopped. */
  readonly stopped: Promise<void>;
}

const LOCK_CHECK_MS = 10_000;
const EXCLUSIVE_LEASE = 'watch-exclusive';
const EXCLUSIVE_LEASE_MS = 30_000;

export async function startWatch(options: WatchOptions): Promise<WatchDaemon> {
  const { root, store, env } = options;
  const now = options.now ?? (() => new Date());
  const instance = options.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const mode: WatchMode = options.mode ?? (options.location.kind === 'postgres' ? 'shared' : 'exclusive');
  const logger: Logger = pino(
    { name: 'driftwatch-watch', level: options.logLevel ?? 'info', base: { pid: process.pid, instance } },
    options.logDestination ?? pino.destination({ fd: 2, sync: true }),
  );

  // 1. Exclusivity first: nothing is scheduled or served before we know the store is ours (or shared on purpose).
  let lock: StoreLock | undefined;
  let exclusiveLease: HeldLease | undefined;
  let leases: LeaseStore | undefined;
  if (mode === 'shared') {
    leases = store;
  } else if (options.location.kind === 'sqlite') {
    const taken = await acquireStoreLock(options.location.file, { now });
    if (!taken.ok) throw new DriftwatchError('STORE_LOCKED', `${taken.message}: refusing to start a second watcher on the same store`);
    lock = taken.lock;
  } else if (options.location.kind === 'postgres') {
    exclusiveLease = await holdLease(store, EXCLUSIVE_LEASE, { instance, now, ttlMs: EXCLUSIVE_LEASE_MS, onLost: () => void stop('the exclusive lease was lost') });
    if (!exclusiveLease.held) {
      throw new DriftwatchError('STORE_LOCKED', 'another driftwatch watch holds this PostgreSQL store in exclusive mode: refusing to start (use shared mode to run several)');
    }
  }

  const startedAt = now();
  const breaker = createCircuitBreaker(options.breaker);
  let storeError: string | null = null;
  const metrics: WatchMetrics = createWatchMetrics(store, {
    defaultMetrics: options.defaultMetrics ?? true,
    onStoreError: (error) => {
      storeError = errorText(error);
    },
  });
  const coordinator = leases
    ? createLeaseCoordinator(leases, {
        instance,
        now,
        events: { declined: (task, slot, why) => logger.debug({ task, slot: slot.toISOString(), why }, 'slot taken by another instance') },
      })
    : undefined;

  const tasks = new Map<string, { plan: PlannedSchedule; task: ScheduledTask }>();
  const running = new Set<string>();
  const inflight = new Set<Promise<unknown>>();
  const lastRun = new Map<string, { at: string; result: ScanResultLabel }>();
  const lastSuccess = new Map<string, string>();
  let unscheduled: string[] = [];
  let planProblems: string[] = [];
  let lastProblemText = '';
  let stopping = false;
  let stopPromise: Promise<void> | undefined;
  let resolveStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));

  try {
    const unfinished = await store.unfinishedRuns();
    if (unfinished.length > 0 && mode === 'exclusive') {
      logger.warn(
        { runs: unfinished.map((r) => ({ id: r.id, kind: r.kind, startedAt: r.startedAt })) },
        `${unfinished.length} run(s) in the history started but never finished (a killed scan or daemon); they stay marked unfinished`,
      );
    }
  } catch (error) {
    await lock?.release();
    await exclusiveLease?.release().catch(() => {});
    throw error;
  }

  // ---------------------------------------------------------------------------------------------- runs
  async function execute(name: string, slot: string | undefined): Promise<WatchRunEvent | null> {
    if (stopping) {
      metrics.countSkip(name, 'stopping');
      return null;
    }
    if (running.has(name)) {
      metrics.countSkip(name, 'overlap');
      logger.warn({ connector: name, slot }, 'previous run still going: this fire is skipped (no overlap)');
      return null;
    }
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

  async function runOnce(name: string, slot: string | undefined): Promise<WatchRunEvent | null> {
    const plan = tasks.get(name)?.plan;
    let runningLease: HeldLease | undefined;
    const started = performance.now();
    let outcomes: readonly SampleOutcome[] = [];
    let skipped = false;
    try {
      if (leases) {
        const period = plan?.periodMs ?? 60_000;
        runningLease = await holdLease(leases, runningLeaseName(name), {
          instance,
          now,
          ttlMs: Math.min(60_000, Math.max(1_000, Math.floor(period / 2))),
          onLost: () => logger.warn({ connector: name }, 'lost the running lease of this connector: another instance may start it'),
        });
        if (!runningLease.held) {
          metrics.countSkip(name, 'running-elsewhere');
          logger.info({ connector: name, slot }, 'still running on another instance: this fire is skipped');
          return null;
        }
      }
      const result = await scan({
        root,
        store,
        env,
        now,
        connector: name,
        runKind: 'watch',
        ...(options.sampler ? { sampler: options.sampler } : {}),
        ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
        log: (line) => logger.debug({ connector: name }, line),
        gate: (connector) => {
          const decision = breaker.gate(connector.name, now());
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
          const transition = breaker.record(connector.name, done, now());
          const state = breaker.state(connector.name);
          metrics.setCircuit(connector.name, state.state !== 'closed');
          if (transition === 'opened' || transition === 'reopened') {
            logger.error(
              { connector: connector.name, consecutiveFailures: state.consecutiveFailures, probeAfter: state.probeAfter },
              transition === 'opened' ? 'circuit opened: the vendor keeps failing, the connector is skipped until the cool-down passes' : 'probe failed: circuit open again',
            );
          } else if (transition === 'closed') {
            logger.info({ connector: connector.name }, 'probe succeeded: circuit closed');
          }
        },
      });
      storeError = null;
      const durationMs = performance.now() - started;
      const label: ScanResultLabel = skipped ? 'skipped' : isOperationalFailure(outcomes) ? 'failed' : 'ok';
      metrics.observeScan(name, label, durationMs / 1000);
      metrics.observeSamples(name, outcomes);
      const at = now().toISOString();
      lastRun.set(name, { at, result: label });
      if (label === 'ok') {
        metrics.markSuccess(name, now());
        lastSuccess.set(name, at);
      }
      for (const problem of result.problems) logger.warn({ connector: name, problem: formatProblem(problem, root) }, 'connector file problem');
      const failures = outcomes.filter((o): o is Extract<SampleOutcome, { ok: false }> => !o.ok && o.failure.kind !== 'circuit-open');
      logger.info(
        {
          connector: name,
          slot,
          runId: result.runId,
          result: label,
          durationMs: Math.round(durationMs),
          samples: outcomes.length,
          failures: failures.map((o) => ({ endpoint: o.failure.endpoint, kind: o.failure.kind, message: o.failure.message })),
          ...result.summary,
        },
        'run finished',
      );
      if (options.notify !== false && result.events.length > 0) {
        const report = await notifyRun(result, {
          root,
          store,
          env,
          now,
          connectors: result.connectors.map((c) => c.connector),
          // The outbox tick retries; a run never waits in-process for a slow webhook.
          flush: { maxWaitMs: 0, ...options.flush },
        });
        for (const notice of report.notices) logger.warn({ connector: name }, notice);
        if (report.enqueued.length > 0 || report.flush.failed.length > 0) {
          logger.info(
            { connector: name, enqueued: report.enqueued.length, delivered: report.flush.delivered.length, failed: report.flush.failed.length },
            'notifications',
          );
        }
      }
      const event: WatchRunEvent = { instance, connector: name, runId: result.runId, result: label, durationMs, outcomes, ...(slot ? { slot } : {}) };
      options.onRun?.(event);
      return event;
    } catch (error) {
      // Not a vendor failure (those are values): a bug or the store failing. Logged, counted, and the daemon goes on.
      storeError = errorText(error);
      breaker.abandonProbe(name, now());
      const durationMs = performance.now() - started;
      metrics.observeScan(name, 'error', durationMs / 1000);
      lastRun.set(name, { at: now().toISOString(), result: 'error' });
      logger.error({ connector: name, slot, err: error }, 'run failed');
      const event: WatchRunEvent = { instance, connector: name, runId: null, result: 'error', durationMs, outcomes, ...(slot ? { slot } : {}) };
      options.onRun?.(event);
      return event;
    } finally {
      await runningLease?.release().catch((error: unknown) => logger.warn({ connector: name, err: error }, 'could not release the running lease'));
    }
  }

  // ---------------------------------------------------------------------------------------------- scheduling
  function schedule(plan: PlannedSchedule): ScheduledTask {
    const name = plan.connector;
    const task = createTask(
      plan.expression,
      async (context) => {
        await execute(name, context.triggeredAt ? slotOf(context.triggeredAt) : undefined);
      },
      {
        // Stable across instances: with `distributed`, node-cron builds the coordination key from it.
        name: `driftwatch:${name}`,
        noOverlap: true,
        ...(plan.timezone ? { timezone: plan.timezone } : {}),
        ...(coordinator ? { distributed: true, runCoordinator: coordinator, distributedLease: Math.max(500, Math.floor(plan.periodMs / 2)) } : {}),
      },
    );
    task.on('execution:overlap', () => {
      metrics.countSkip(name, 'overlap');
      logger.warn({ connector: name }, 'previous run still going: this fire is skipped (no overlap)');
    });
    task.on('execution:skipped', (context) => {
      metrics.countSkip(name, context.reason ?? 'skipped');
      if (context.reason === 'coordinator-error') logger.error({ connector: name, err: context.error }, 'lease check failed: this fire is skipped');
    });
    task.on('execution:missed', (context) => logger.warn({ connector: name, at: context.dateLocalIso }, 'missed a fire (event loop blocked?)'));
    void task.start();
    return task;
  }

  let reloading: Promise<void> = Promise.resolve();
  function reload(): Promise<void> {
    reloading = reloading.then(reloadOnce, reloadOnce);
    return reloading;
  }

  async function reloadOnce(): Promise<void> {
    if (stopping) return;
    const loaded = await loadConnectors(root);
    if (stopping) return;
    const plan = planSchedules(loaded.connectors, {
      ...(options.everySeconds !== undefined ? { everySeconds: options.everySeconds } : {}),
      ...(options.timezone !== undefined ? { timezone: options.timezone } : {}),
    });
    const problems = [...loaded.problems.map((p) => formatProblem(p, root)), ...plan.problems];
    const problemText = problems.join('\n');
    if (problemText !== lastProblemText) {
      for (const problem of problems) logger.warn({ problem }, 'connector file problem');
      lastProblemText = problemText;
    }
    planProblems = problems;
    // A connector whose file broke keeps its previous schedule: its runs report the problem instead of going quiet.
    const broken = new Set(loaded.problems.map((p) => connectorNameFromFile(p.file)));
    const wanted = new Map(plan.planned.map((p) => [p.connector, p]));
    for (const [name, entry] of tasks) {
      const next = wanted.get(name);
      if (next && sameSchedule(entry.plan, next)) {
        entry.plan = next;
        continue;
      }
      if (!next && broken.has(name)) continue;
      await entry.task.destroy();
      tasks.delete(name);
      if (!next) {
        breaker.forget(name);
        metrics.forget(name);
        logger.info({ connector: name }, 'connector no longer scheduled');
      }
    }
    for (const [name, next] of wanted) {
      if (tasks.has(name)) continue;
      tasks.set(name, { plan: next, task: schedule(next) });
      logger.info({ connector: name, schedule: next.expression, timezone: next.timezone ?? null, source: next.source }, 'connector scheduled');
    }
    const newlyUnscheduled = plan.unscheduled.filter((n) => !unscheduled.includes(n));
    if (newlyUnscheduled.length > 0) logger.info({ connectors: newlyUnscheduled }, 'connectors without a schedule are not watched (add `schedule:` to connector.yaml)');
    unscheduled = plan.unscheduled;
  }

  // ---------------------------------------------------------------------------------------------- outbox
  let flushing: Promise<void> | undefined;
  function flushNow(): Promise<void> {
    if (flushing) return flushing;
    flushing = (async () => {
      try {
        const report = await flushOutbox(store, { maxWaitMs: 0, ...options.flush, env, now });
        if (report.delivered.length > 0 || report.failed.length > 0) {
          logger.info({ delivered: report.delivered.length, failed: report.failed.length, pending: report.pending }, 'outbox flushed');
        }
      } catch (error) {
        storeError = errorText(error);
        logger.error({ err: error }, 'outbox flush failed');
      } finally {
        flushing = undefined;
      }
    })();
    return flushing;
  }

  // ---------------------------------------------------------------------------------------------- health
  function health(): HealthReport {
    const connectors: ConnectorStatus[] = [...tasks.values()].map(({ plan, task }) => ({
      name: plan.connector,
      schedule: plan.expression,
      timezone: plan.timezone ?? null,
      nextRun: stopping ? null : (task.getNextRun()?.toISOString() ?? null),
      lastRunAt: lastRun.get(plan.connector)?.at ?? null,
      lastResult: lastRun.get(plan.connector)?.result ?? null,
      lastSuccessAt: lastSuccess.get(plan.connector) ?? null,
      circuit: breaker.state(plan.connector).state,
      running: running.has(plan.connector),
    }));
    return {
      status: stopping ? 'stopping' : storeError ? 'degraded' : 'ok',
      instance,
      mode,
      store: store.kind,
      startedAt: startedAt.toISOString(),
      uptimeSeconds: Math.round((now().getTime() - startedAt.getTime()) / 1000),
      connectors,
      unscheduled,
      problems: planProblems,
      ...(storeError ? { storeError } : {}),
    };
  }

  // ---------------------------------------------------------------------------------------------- start
  let http: HealthServer | undefined;
  const timers: NodeJS.Timeout[] = [];
  let watcher: FSWatcher | undefined;
  try {
    if (options.port !== undefined) {
      http = await startHealthServer({
        port: options.port,
        ...(options.host ? { host: options.host } : {}),
        health,
        metrics: () => metrics.render(),
        metricsContentType: metrics.contentType,
      });
    }
    await reload();
  } catch (error) {
    stopping = true;
    for (const { task } of tasks.values()) await task.destroy();
    await http?.close();
    await lock?.release();
    await exclusiveLease?.release().catch(() => {});
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw operationalError(`port ${options.port} is already in use: pick another with --port`);
    throw error;
  }

  const outboxMs = options.outboxIntervalMs ?? 60_000;
  if (outboxMs > 0) timers.push(setInterval(() => void flushNow(), outboxMs));
  const reloadMs = options.reloadIntervalMs ?? 30_000;
  if (reloadMs > 0) timers.push(setInterval(() => void reload().catch((error: unknown) => logger.error({ err: error }, 'reload failed')), reloadMs));
  if (lock) {
    const held = lock;
    timers.push(
      setInterval(() => {
        void held.stillHeld().then((ok) => {
          if (!ok && !stopping) {
            logger.error({ lock: held.file }, 'the lock file was removed or replaced: stopping so two watchers never share the store');
            void stop('lock lost');
          }
        });
      }, LOCK_CHECK_MS),
    );
  }
  if (options.watchFiles !== false) {
    let debounce: NodeJS.Timeout | undefined;
    try {
      watcher = watchFiles(join(root, 'contracts'), { recursive: true }, () => {
        clearTimeout(debounce);
        debounce = setTimeout(() => void reload().catch((error: unknown) => logger.error({ err: error }, 'reload failed')), 200);
      });
      watcher.on('error', (error) => logger.warn({ err: error }, 'watching contracts/ failed: edits are picked up on the next periodic reload'));
    } catch (error) {
      logger.warn({ err: error }, 'cannot watch contracts/: edits are picked up on the next periodic reload');
    }
  }
  logger.info(
    { mode, store: store.kind, url: http?.url ?? null, connectors: tasks.size, unscheduled: unscheduled.length },
    'driftwatch watch started',
  );

  function stop(reason = 'stop requested'): Promise<void> {
    if (stopPromise) return stopPromise;
    stopping = true;
    stopPromise = (async () => {
      logger.info({ reason, inFlight: running.size }, 'stopping: no new runs; waiting for the runs in flight');
      for (const timer of timers) clearInterval(timer);
      watcher?.close();
      for (const { task } of tasks.values()) await task.destroy();
      const grace = options.shutdownGraceMs ?? 30_000;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        Promise.allSettled([...inflight]).then(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), grace))),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        logger.warn({ running: [...running] }, `runs still going after ${grace} ms: they stay marked unfinished in the history`);
      } else if (outboxMs > 0) {
        await flushNow();
      }
      await http?.close();
      await lock?.release().catch((error: unknown) => logger.warn({ err: error }, 'could not remove the lock file'));
      await exclusiveLease?.release().catch(() => {});
      if (options.closeStore) await store.close();
      logger.info({ reason }, 'driftwatch watch stopped');
      logger.flush?.();
      resolveStopped();
    })();
    return stopPromise;
  }

  return {
    instance,
    mode,
    url: http?.url ?? null,
    schedules: () => [...tasks.values()].map((t) => t.plan),
    health,
    reload,
    runNow: (connector) => execute(connector, undefined),
    flushNow,
    stop,
    stopped,
  };
}

/** The slot a fire belongs to: node-cron fires on whole seconds, a few ms late. */
function slotOf(triggeredAt: Date): string {
  return new Date(Math.floor(triggeredAt.getTime() / 1000) * 1000).toISOString();
}


function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
