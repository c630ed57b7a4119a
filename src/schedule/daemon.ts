// The watch daemon: composes the exclusivity guard, the connector runner, the scheduler and the outbox ticker around the use cases.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { scan } from '../app/scan.js';
import { formatProblem } from '../core/format-problem.js';
import { flushOutbox } from '../notify/flush-outbox.js';
import { operationalError } from '../errors.js';
import { createCircuitBreaker } from './circuit-breaker.js';
import { systemClock } from './clock.js';
import { createConnectorRunner, type ConnectorScan } from './connector-runner.js';
import { watchContracts } from './contracts-watcher.js';
import { defaultMode, takeExclusivity } from './exclusivity.js';
import { startHealthServer, type HealthReport, type HealthServer } from './health-server.js';
import { createHookReceiver, type HookReceiver } from './hook-receiver.js';
import { DEFAULT_JITTER_WINDOW_MS } from './jitter.js';
import { createLeaseCoordinator } from './lease-coordinator.js';
import { loadPlan } from './load-plan.js';
import { createWatchMetrics } from './metrics.js';
import { startOutboxTicker, type OutboxTicker } from './outbox-ticker.js';
import { createScheduler } from './scheduler.js';
import { healthReport } from './watch-health.js';
import type { WatchDaemon, WatchOptions } from './watch-types.js';

export type { WatchRunEvent } from './connector-runner.js';
export type { WatchMode } from './exclusivity.js';
export type { ConnectorStatus, WatchDaemon, WatchOptions } from './watch-types.js';

export async function startWatch(options: WatchOptions): Promise<WatchDaemon> {
  const { root, store, env } = options;
  const clock = options.clock ?? systemClock(options.now);
  const now = (): Date => clock.now();
  const instance = options.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const mode = options.mode ?? defaultMode(options.location);
  const outboxMs = options.outboxIntervalMs ?? 60_000;
  const jitterWindowMs = options.jitterWindowMs ?? DEFAULT_JITTER_WINDOW_MS;
  const logger: Logger = pino(
    { name: 'driftwatch-watch', level: options.logLevel ?? 'info', base: { pid: process.pid, instance } },
    options.logDestination ?? pino.destination({ fd: 2, sync: true }),
  );

  // Exclusivity first: nothing is scheduled or served before we know the store is ours (or shared on purpose).
  const guard = await takeExclusivity({
    mode, location: options.location, leases: store, instance, clock,
    onLost: (why) => {
      logger.error({ why }, `${why}: stopping so two watchers never share the store`);
      void stop(why);
    },
  });

  let storeError: string | null = null;
  const onStoreStatus = (error: unknown): void => {
    storeError = error === null || error === undefined ? null : error instanceof Error ? error.message : String(error);
  };
  const metrics = createWatchMetrics(store, { defaultMetrics: options.defaultMetrics ?? true, onStoreError: onStoreStatus });
  const breaker = createCircuitBreaker(options.breaker);

  // The one place a watch run meets the use cases: the same scan-and-notify as `driftwatch scan`. The outbox ticker
  // retries; a run never waits in-process for a slow webhook.
  const scanAndNotify: ConnectorScan = async (request) => {
    const result = await scan({
      root, store, env, now, runKind: 'watch', ...request,
      notify: options.notify === false ? false : { flush: { maxWaitMs: 0, ...options.flush } },
      ...(options.sampler ? { sampler: options.sampler } : {}),
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
    for (const problem of result.problems) logger.warn({ connector: request.connector, problem: formatProblem(problem, root) }, 'connector file problem');
    const report = result.notify;
    if (!report) return result;
    for (const notice of report.notices) logger.warn({ connector: request.connector }, notice);
    if (report.enqueued.length > 0 || report.flush.failed.length > 0) {
      const counts = { enqueued: report.enqueued.length, delivered: report.flush.delivered.length, failed: report.flush.failed.length };
      logger.info({ connector: request.connector, ...counts }, 'notifications');
    }
    return result;
  };

  const runner = createConnectorRunner({
    instance, clock, breaker, metrics, logger, onStoreStatus,
    scan: scanAndNotify,
    ...(mode === 'shared' ? { leases: store } : {}),
    periodOf: (name) => scheduler.planned().find((p) => p.connector === name)?.periodMs,
    jitterWindowMs,
    ...(options.onRun ? { onRun: options.onRun } : {}),
  });
  const scheduler = createScheduler({
    load: () => loadPlan(root, {
      ...(options.everySeconds !== undefined ? { everySeconds: options.everySeconds } : {}),
      ...(options.timezone !== undefined ? { timezone: options.timezone } : {}),
    }),
    onFire: (name, slot) => runner.fire(name, slot),
    onRemoved: (name) => runner.forget(name),
    metrics, logger,
    ...(mode === 'shared'
      ? { coordinator: createLeaseCoordinator(store, { instance, now, events: { declined: (task, slot, why) => logger.debug({ task, slot: slot.toISOString(), why }, 'slot taken by another instance') } }) }
      : {}),
  });

  const startedAt = now();
  let http: HealthServer | undefined;
  let hooks: HookReceiver | undefined;
  let ticker: OutboxTicker | undefined;
  let contracts: { close(): void } | undefined;
  let stopping: Promise<void> | undefined;
  let resolveStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));

  /** The one way down, for a stop and for a start that failed half-way: every part is closed here and only here. */
  async function shutdown(graceMs: number, closeStore: boolean): Promise<void> {
    contracts?.close();
    ticker?.stop();
    await scheduler.stop();
    const still = await runner.drain(graceMs);
    if (still.length > 0) logger.warn({ running: still }, `runs still going after ${graceMs} ms: they stay marked unfinished in the history`);
    else if (ticker && outboxMs > 0) await ticker.flushNow();
    await http?.close();
    // Deliveries already answered 202 are judged before the store goes.
    await hooks?.close();
    await guard.release();
    if (closeStore) await store.close();
  }

  function stop(reason = 'stop requested'): Promise<void> {
    stopping ??= (async () => {
      logger.info({ reason, inFlight: runner.running().length }, 'stopping: no new runs; waiting for the runs in flight');
      await shutdown(options.shutdownGraceMs ?? 30_000, options.closeStore === true);
      logger.info({ reason }, 'driftwatch watch stopped');
      logger.flush?.();
      resolveStopped();
    })();
    return stopping;
  }

  const health = (): HealthReport =>
    healthReport({ instance, mode, store: store.kind, startedAt, now: now(), stopping: stopping !== undefined, storeError, scheduler, runner, breaker });

  try {
    // In shared mode another instance may be running right now: its open runs are not leftovers.
    const unfinished = mode === 'exclusive' ? await store.unfinishedRuns() : [];
    if (unfinished.length > 0) {
      logger.warn(
        { runs: unfinished.map((r) => ({ id: r.id, kind: r.kind, startedAt: r.startedAt })) },
        `${unfinished.length} run(s) in the history started but never finished (a killed scan or daemon); they stay marked unfinished`,
      );
    }
    if (options.port !== undefined) {
      hooks = await createHookReceiver({
        root, store, env, now, logger,
        notify: options.notify === false ? false : { flush: { maxWaitMs: 0, ...options.flush } },
        ...(options.hookBatchMs !== undefined ? { batchMs: options.hookBatchMs } : {}),
      });
      const receiver = hooks;
      http = await startHealthServer({ port: options.port, ...(options.host ? { host: options.host } : {}), health, metrics: () => metrics.render(), metricsContentType: metrics.contentType, hooks: receiver.handle });
    }
    await scheduler.reload();
  } catch (error) {
    await shutdown(0, false);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw operationalError(`port ${options.port} is already in use: pick another with --port`);
    throw error;
  }
  ticker = startOutboxTicker({ flush: () => flushOutbox(store, { maxWaitMs: 0, ...options.flush, env, now }), clock, logger, intervalMs: outboxMs, onStoreStatus });
  contracts = watchContracts({ dir: join(root, 'contracts'), clock, logger, reload: async () => { await scheduler.reload(); await hooks?.reload(); }, events: options.watchFiles !== false, intervalMs: options.reloadIntervalMs ?? 30_000 });
  logger.info(
    { mode, store: store.kind, holds: guard.holds, url: http?.url ?? null, connectors: scheduler.planned().length, unscheduled: scheduler.unscheduled().length, jitterWindowMs },
    'driftwatch watch started',
  );

  return {
    instance, mode,
    url: http?.url ?? null,
    schedules: () => scheduler.planned(),
    health,
    reload: () => scheduler.reload(),
    runNow: (connector) => runner.runNow(connector),
    flushNow: () => ticker!.flushNow(),
    stop,
    stopped,
  };
}
