// The scheduler reconciles planned schedules with real node-cron tasks, recorded as they are made and fired by hand.
import { createTask, type RunCoordinator, type ScheduledTask, type TaskContext, type TaskFn, type TaskOptions } from 'node-cron';
import { describe, expect, it } from 'vitest';
import type { LoadedPlan } from '../../src/schedule/load-plan.js';
import { createWatchMetrics } from '../../src/schedule/metrics.js';
import { createScheduler, type TaskFactory } from '../../src/schedule/scheduler.js';
import type { PlannedSchedule } from '../../src/schedule/schedules.js';
import { settle } from './helpers/fake-clock.js';
import { capturedLogger } from './helpers/fakes.js';

/** node-cron names its task events but does not export their type. */
type TaskEvent = Parameters<ScheduledTask['on']>[0];

interface Made {
  expression: string;
  options: TaskOptions;
  fn: TaskFn;
  task: ScheduledTask;
  emit(event: TaskEvent, context: Partial<TaskContext>): void;
}

/** node-cron's own createTask, with each task kept so the test can fire it and see whether it was destroyed. */
function recordingFactory(): { factory: TaskFactory; made: Made[]; live: () => Made[] } {
  const made: Made[] = [];
  const factory: TaskFactory = (expression, fn, options) => {
    const task = createTask(expression, fn, options);
    const handlers = new Map<TaskEvent, Array<(context: TaskContext) => unknown>>();
    const on = task.on.bind(task);
    task.on = (event, handler) => {
      handlers.set(event, [...(handlers.get(event) ?? []), handler]);
      on(event, handler);
    };
    made.push({
      expression, options, fn, task,
      emit: (event, context) => {
        for (const handler of handlers.get(event) ?? []) void handler({ date: new Date(), dateLocalIso: '', triggeredAt: new Date(), ...context });
      },
    });
    return task;
  };
  return { factory, made, live: () => made.filter((m) => m.task.getStatus() !== 'destroyed') };
}

function plan(entries: Array<[string, string]>, extra: Partial<LoadedPlan> = {}): LoadedPlan {
  const planned: PlannedSchedule[] = entries.map(([connector, expression]) => ({ connector, expression, periodMs: 86_400_000, source: 'connector' }));
  return { planned, unscheduled: [], problems: [], broken: new Set(), ...extra };
}

function setup(first: LoadedPlan, extra: { coordinator?: RunCoordinator } = {}) {
  let current = first;
  let loads = 0;
  const gate: { hold?: Promise<void> } = {};
  const rec = recordingFactory();
  const log = capturedLogger();
  const metrics = createWatchMetrics({ listDrifts: async () => [], listOutbox: async () => [] }, { defaultMetrics: false });
  const fired: Array<[string, string]> = [];
  const removed: string[] = [];
  const scheduler = createScheduler({
    load: async () => {
      loads++;
      await gate.hold;
      return current;
    },
    onFire: async (name, slot) => void fired.push([name, slot.toISOString()]),
    onRemoved: (name) => void removed.push(name),
    metrics,
    logger: log.logger,
    createTask: rec.factory,
    ...(extra.coordinator ? { coordinator: extra.coordinator } : {}),
  });
  return { scheduler, rec, log, metrics, fired, removed, gate, setPlan: (p: LoadedPlan) => (current = p), loads: () => loads };
}

const live = (s: ReturnType<typeof setup>): string[][] => s.rec.live().map((m) => [String(m.options.name), m.expression]);

describe('scheduler: reconciling the plan with node-cron tasks', () => {
  it('adds, keeps, reschedules and drops tasks; a connector whose file broke keeps its task', async () => {
    const s = setup(plan([['alpha', '0 3 * * *'], ['beta', '0 4 * * *']]));
    await s.scheduler.reload();
    expect(live(s)).toEqual([['driftwatch:alpha', '0 3 * * *'], ['driftwatch:beta', '0 4 * * *']]);
    expect(s.rec.live().every((m) => m.task.getStatus() === 'idle' && m.options.noOverlap === true)).toBe(true);
    const alphaTask = s.rec.made[0]!.task;

    s.setPlan(plan([['alpha', '0 3 * * *'], ['beta', '*/5 * * * *'], ['gamma', '0 5 * * *']]));
    await s.scheduler.reload();
    expect(live(s)).toEqual([['driftwatch:alpha', '0 3 * * *'], ['driftwatch:beta', '*/5 * * * *'], ['driftwatch:gamma', '0 5 * * *']]);
    expect(s.rec.made.find((m) => m.options.name === 'driftwatch:alpha' && m.task !== alphaTask)).toBeUndefined();
    expect(s.removed).toEqual([]);

    // alpha's file broke (not in the plan, named as broken); beta was deleted.
    s.setPlan(plan([['gamma', '0 5 * * *']], { broken: new Set(['alpha']), problems: ['contracts/alpha/connector.yaml:2:8: bad YAML'] }));
    await s.scheduler.reload();
    expect(live(s)).toEqual([['driftwatch:alpha', '0 3 * * *'], ['driftwatch:gamma', '0 5 * * *']]);
    expect(s.removed).toEqual(['beta']);
    expect(s.scheduler.planned().map((p) => p.connector)).toEqual(['alpha', 'gamma']);
    expect(s.scheduler.problems()).toEqual(['contracts/alpha/connector.yaml:2:8: bad YAML']);
    expect(s.log.entries().some((e) => e.msg === 'connector no longer scheduled' && e.connector === 'beta')).toBe(true);
    expect(s.scheduler.nextRun('gamma')).toBeInstanceOf(Date);
    expect(s.scheduler.nextRun('beta')).toBeNull();
    await s.scheduler.stop();
  });

  it('fires the runner with the tick itself as the slot', async () => {
    const s = setup(plan([['alpha', '0 3 * * *']]));
    await s.scheduler.reload();
    await s.rec.made[0]!.fn({ date: new Date('2026-11-23T03:00:00.000Z'), dateLocalIso: '', triggeredAt: new Date('2026-11-23T03:00:01.700Z') });
    expect(s.fired).toEqual([['alpha', '2026-11-23T03:00:00.000Z']]);
    await s.scheduler.stop();
  });

  it('logs problems and unscheduled connectors once, not on every reload', async () => {
    const s = setup(plan([], { unscheduled: ['quiet'], problems: ['beta: schedule "nope" is not a valid cron expression'] }));
    await s.scheduler.reload();
    await s.scheduler.reload();
    const entries = s.log.entries();
    expect(entries.filter((e) => e.msg === 'connector file problem')).toHaveLength(1);
    expect(entries.filter((e) => e.msg.startsWith('connectors without a schedule'))).toHaveLength(1);
    expect(s.scheduler.unscheduled()).toEqual(['quiet']);
    await s.scheduler.stop();
  });
});

describe('scheduler: stop', () => {
  it('destroys every task, and a reload in flight or after the stop schedules nothing', async () => {
    const s = setup(plan([['alpha', '0 3 * * *']]));
    await s.scheduler.reload();
    let open: () => void = () => {};
    s.gate.hold = new Promise<void>((resolve) => (open = resolve));
    s.setPlan(plan([['alpha', '0 3 * * *'], ['late', '0 6 * * *']]));
    const inFlight = s.scheduler.reload();
    await settle();
    expect(s.loads()).toBe(2); // the reload is past its first check, waiting for the files
    const stopping = s.scheduler.stop();
    open();
    await inFlight;
    await stopping;
    expect(s.rec.live()).toEqual([]);
    expect(s.rec.made.map((m) => m.options.name)).toEqual(['driftwatch:alpha']);
    expect(s.scheduler.nextRun('alpha')).toBeNull();
    const loads = s.loads();
    await s.scheduler.reload();
    expect(s.loads()).toBe(loads);
    expect(s.rec.live()).toEqual([]);
  });
});

describe('scheduler: shared mode and node-cron events', () => {
  it('makes distributed tasks with a lease of half the period; counts and logs overlaps, skips and misses', async () => {
    const coordinator: RunCoordinator = { shouldRun: () => true };
    const s = setup({ ...plan([]), planned: [{ connector: 'alpha', expression: '*/10 * * * * *', periodMs: 10_000, source: 'override' }, { connector: 'fast', expression: '* * * * * *', periodMs: 1_000, source: 'override' }] }, { coordinator });
    await s.scheduler.reload();
    const [alpha, fast] = s.rec.made;
    expect(alpha!.options).toMatchObject({ distributed: true, runCoordinator: coordinator, distributedLease: 5_000 });
    expect(fast!.options.distributedLease).toBe(500);

    alpha!.emit('execution:overlap', {});
    alpha!.emit('execution:skipped', { reason: 'not-elected' });
    alpha!.emit('execution:skipped', { reason: 'coordinator-error', error: new Error('store down') });
    alpha!.emit('execution:missed', { dateLocalIso: '2026-11-23T03:00:00.000Z' });
    const metrics = await s.metrics.render();
    expect(metrics).toMatch(/driftwatch_runs_skipped_total\{connector="alpha",reason="overlap"\} 1/);
    expect(metrics).toMatch(/driftwatch_runs_skipped_total\{connector="alpha",reason="not-elected"\} 1/);
    expect(metrics).toMatch(/driftwatch_runs_skipped_total\{connector="alpha",reason="coordinator-error"\} 1/);
    const entries = s.log.entries();
    expect(entries.some((e) => e.msg === 'lease check failed: this fire is skipped' && e.level === 50)).toBe(true);
    expect(entries.some((e) => e.msg === 'missed a fire (event loop blocked?)' && e.at === '2026-11-23T03:00:00.000Z')).toBe(true);
    await s.scheduler.stop();
  });
});
