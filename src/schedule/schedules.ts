// Which connectors the daemon runs and when: each connector's cron (or an every-N-seconds override), validated, with its period.
import { createTask, validateDetailed } from 'node-cron';
import type { Connector } from '../core/model.js';
import { isValidTimezone } from '../core/timezone.js';

export interface PlannedSchedule {
  connector: string;
  expression: string;
  timezone?: string;
  /** Shortest gap between two fires: bounds the leases of a run. */
  periodMs: number;
  source: 'connector' | 'override';
}

export interface SchedulePlan {
  planned: PlannedSchedule[];
  /** Connectors without a schedule (and no override): not watched, said so in the log and /healthz. */
  unscheduled: string[];
  /** Human lines: invalid expressions or time zones. */
  problems: string[];
}

export interface PlanOptions {
  /** Run every connector every N seconds instead of its own schedule (tests, benchmarks, a quick look). */
  everySeconds?: number;
  /** Time zone for connectors that do not name their own. */
  timezone?: string;
}

/** A cron expression firing every `seconds` seconds (`*\/N` in the seconds or minutes field), or null when none fits. */
export function everySecondsExpression(seconds: number): string | null {
  if (!Number.isInteger(seconds) || seconds < 1) return null;
  if (seconds === 1) return '* * * * * *';
  if (seconds < 60 && 60 % seconds === 0) return `*/${seconds} * * * * *`;
  if (seconds % 60 === 0) {
    const minutes = seconds / 60;
    if (minutes === 1) return '0 * * * * *';
    if (minutes < 60 && 60 % minutes === 0) return `0 */${minutes} * * * *`;
    if (minutes % 60 === 0 && 24 % (minutes / 60) === 0) return `0 0 */${minutes / 60} * * *`;
  }
  return null;
}

/** Shortest gap between the next few fires of `expression`, in ms. */
export function schedulePeriodMs(expression: string, timezone?: string): number {
  // A throwaway task is the only public way to ask node-cron for upcoming fire times; it is never started.
  const probe = createTask(expression, () => {}, timezone ? { timezone } : undefined);
  try {
    const runs = probe.getNextRuns(8).map((d) => d.getTime());
    let shortest = Number.POSITIVE_INFINITY;
    for (let i = 1; i < runs.length; i++) shortest = Math.min(shortest, runs[i]! - runs[i - 1]!);
    return Number.isFinite(shortest) && shortest > 0 ? shortest : 86_400_000;
  } finally {
    void probe.destroy();
  }
}

export function planSchedules(connectors: readonly Connector[], options: PlanOptions = {}): SchedulePlan {
  const planned: PlannedSchedule[] = [];
  const unscheduled: string[] = [];
  const problems: string[] = [];
  let override: string | null = null;
  if (options.everySeconds !== undefined) {
    override = everySecondsExpression(options.everySeconds);
    if (override === null) problems.push(`--once-every-seconds ${options.everySeconds}: no cron expression fires evenly every ${options.everySeconds} s`);
  }
  if (options.timezone !== undefined && !isValidTimezone(options.timezone)) {
    problems.push(`--timezone "${options.timezone}" is not an IANA time zone (e.g. Europe/Paris)`);
  }
  for (const connector of connectors) {
    const expression = override ?? connector.schedule;
    if (!expression) {
      unscheduled.push(connector.name);
      continue;
    }
    const check = validateDetailed(expression);
    if (!check.valid) {
      const why = check.errors.map((e) => e.message).join('; ');
      problems.push(`${connector.name}: schedule "${expression}" is not a valid cron expression${why ? `: ${why}` : ''}`);
      continue;
    }
    const zone = connector.timezone ?? options.timezone;
    if (zone !== undefined && !isValidTimezone(zone)) {
      problems.push(`${connector.name}: timezone "${zone}" is not an IANA time zone`);
      continue;
    }
    planned.push({
      connector: connector.name,
      expression,
      ...(zone !== undefined ? { timezone: zone } : {}),
      periodMs: schedulePeriodMs(expression, zone),
      source: override ? 'override' : 'connector',
    });
  }
  return { planned, unscheduled, problems };
}

/** Same connector, same expression and zone: its task can stay as it is across a reload. */
export function sameSchedule(a: PlannedSchedule, b: PlannedSchedule): boolean {
  return a.expression === b.expression && a.timezone === b.timezone;
}
