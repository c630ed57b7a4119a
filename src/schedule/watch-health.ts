// What /healthz says: the daemon's status, and each scheduled connector's schedule, next and last run, and circuit.
import type { CircuitBreaker } from './circuit-breaker.js';
import type { ConnectorRunner } from './connector-runner.js';
import type { HealthReport } from './health-server.js';
import type { Scheduler } from './scheduler.js';
import type { ConnectorStatus } from './watch-types.js';

export interface HealthSources {
  instance: string;
  mode: string;
  store: string;
  startedAt: Date;
  now: Date;
  stopping: boolean;
  /** The store's last error (a run or a flush that could not reach it), cleared by the next run that could. */
  storeError: string | null;
  scheduler: Pick<Scheduler, 'planned' | 'nextRun' | 'unscheduled' | 'problems'>;
  runner: Pick<ConnectorRunner, 'state'>;
  breaker: Pick<CircuitBreaker, 'state'>;
}

export function healthReport(s: HealthSources): HealthReport {
  const connectors: ConnectorStatus[] = s.scheduler.planned().map((plan) => ({
    name: plan.connector,
    schedule: plan.expression,
    timezone: plan.timezone ?? null,
    nextRun: s.scheduler.nextRun(plan.connector)?.toISOString() ?? null,
    ...s.runner.state(plan.connector),
    circuit: s.breaker.state(plan.connector).state,
  }));
  return {
    status: s.stopping ? 'stopping' : s.storeError ? 'degraded' : 'ok',
    instance: s.instance,
    mode: s.mode,
    store: s.store,
    startedAt: s.startedAt.toISOString(),
    uptimeSeconds: Math.round((s.now.getTime() - s.startedAt.getTime()) / 1000),
    connectors,
    unscheduled: s.scheduler.unscheduled(),
    problems: s.scheduler.problems(),
    ...(s.storeError ? { storeError: s.storeError } : {}),
  };
}
