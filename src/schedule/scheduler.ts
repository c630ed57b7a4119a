// Keeps one node-cron task per planned schedule: reconciles the tasks with the plan on each reload, fires the runner.
import { createTask as cronTask, type RunCoordinator, type ScheduledTask, type TaskFn, type TaskOptions } from 'node-cron';
import type { WatchLogger } from './connector-runner.js';
import type { LoadedPlan } from './load-plan.js';
import type { WatchMetrics } from './metrics.js';
import { sameSchedule, type PlannedSchedule } from './schedules.js';

/** node-cron 4's `createTask` (tests pass a fake that records tasks and fires them by hand). */
export type TaskFactory = (expression: string, fn: TaskFn, options: TaskOptions) => ScheduledTask;

export interface SchedulerOptions {
  load: () => Promise<LoadedPlan>;
  /** A scheduled fire of `connector` for `slot` (the tick it belongs to). */
  onFire: (connector: string, slot: Date) => Promise<unknown>;
  /** A connector removed from contracts/: forget its state. */
  onRemoved: (connector: string) => void;
  /** Shared mode: node-cron asks it before each fire so each slot runs once among the instances. */
  coordinator?: RunCoordinator;
  metrics: Pick<WatchMetrics, 'countSkip'>;
  logger: WatchLogger;
  createTask?: TaskFactory;
}

export interface Scheduler {
  /** Re-reads the plan and reschedules what changed; calls are serialized. */
  reload(): Promise<void>;
  planned(): PlannedSchedule[];
  nextRun(connector: string): Date | null;
  /** Connectors without a schedule, and problems of the last reload (bad files, bad expressions). */
  unscheduled(): string[];
  problems(): string[];
  /** Destroys every task: no fire after this resolves. Reloads become no-ops. */
  stop(): Promise<void>;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { logger, metrics } = options;
  const createTask = options.createTask ?? cronTask;
  const tasks = new Map<string, { plan: PlannedSchedule; task: ScheduledTask }>();
  let unscheduled: string[] = [];
  let problems: string[] = [];
  let stopped = false;
  let reloading: Promise<void> = Promise.resolve();

  function schedule(plan: PlannedSchedule): ScheduledTask {
    const name = plan.connector;
    const task = createTask(
      plan.expression,
      async (context) => {
        // `date` is the tick itself (whole second, any zone); `triggeredAt` may be late by a store round-trip.
        await options.onFire(name, context.date);
      },
      {
        // Stable across instances: with `distributed`, node-cron builds the coordination key from it.
        name: `driftwatch:${name}`,
        noOverlap: true,
        ...(plan.timezone ? { timezone: plan.timezone } : {}),
        ...(options.coordinator
          ? { distributed: true, runCoordinator: options.coordinator, distributedLease: Math.max(500, Math.floor(plan.periodMs / 2)) }
          : {}),
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

  async function reconcile(): Promise<void> {
    if (stopped) return;
    const plan = await options.load();
    if (stopped) return;
    if (plan.problems.join('\n') !== problems.join('\n')) {
      for (const problem of plan.problems) logger.warn({ problem }, 'connector file problem');
    }
    problems = plan.problems;
    const wanted = new Map(plan.planned.map((p) => [p.connector, p]));
    for (const [name, entry] of tasks) {
      const next = wanted.get(name);
      if (next && sameSchedule(entry.plan, next)) {
        entry.plan = next;
        continue;
      }
      // A connector whose file broke keeps its previous schedule: its runs report the problem instead of going quiet.
      if (!next && plan.broken.has(name)) continue;
      tasks.delete(name);
      await entry.task.destroy();
      if (!next) {
        options.onRemoved(name);
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

  return {
    reload() {
      reloading = reloading.then(reconcile, reconcile);
      return reloading;
    },
    planned: () => [...tasks.values()].map((t) => t.plan),
    nextRun: (name) => (stopped ? null : (tasks.get(name)?.task.getNextRun() ?? null)),
    unscheduled: () => unscheduled,
    problems: () => problems,
    async stop() {
      stopped = true;
      // A reload already past its check finishes first, so no task it creates outlives the stop.
      await reloading.catch(() => {});
      for (const { task } of tasks.values()) await task.destroy();
    },
  };
}
