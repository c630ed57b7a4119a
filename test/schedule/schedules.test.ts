// Schedules: every-N-seconds overrides, periods, validation, and which connectors are left unwatched.
import { describe, expect, it } from 'vitest';
import { defineConnector } from '../../src/config/define-connector.js';
import { everySecondsExpression, planSchedules, schedulePeriodMs } from '../../src/schedule/schedules.js';

describe('everySecondsExpression', () => {
  const table: Array<{ given: number; want: string | null }> = [
    { given: 1, want: '* * * * * *' },
    { given: 10, want: '*/10 * * * * *' },
    { given: 7, want: null },
    { given: 60, want: '0 * * * * *' },
    { given: 300, want: '0 */5 * * * *' },
    { given: 3600, want: '0 0 */1 * * *' },
    { given: 0, want: null },
    { given: 1.5, want: null },
  ];
  it.each(table)('$given s -> $want', ({ given, want }) => {
    expect(everySecondsExpression(given)).toBe(want);
  });
});

describe('schedulePeriodMs', () => {
  it('is the shortest gap between fires', () => {
    expect(schedulePeriodMs('*/10 * * * * *')).toBe(10_000);
    expect(schedulePeriodMs('* * * * *')).toBe(60_000);
    expect(schedulePeriodMs('0 3 * * *', 'Europe/Berlin')).toBe(86_400_000);
    expect(schedulePeriodMs('0 3,4 * * *')).toBe(3_600_000);
  });
});

describe('planSchedules', () => {
  const base = { owner: { name: 'O' }, baseUrl: 'http://127.0.0.1:1', endpoints: [{ id: 'e', path: '/' }] };
  const nightly = defineConnector({ name: 'nightly', ...base, schedule: '0 3 * * *', timezone: 'Europe/Berlin' });
  const hourly = defineConnector({ name: 'hourly', ...base, schedule: '0 * * * *' });
  const never = defineConnector({ name: 'never', ...base });

  it("uses each connector's schedule and zone, the flag's zone as default, and lists unscheduled ones", () => {
    const plan = planSchedules([nightly, hourly, never], { timezone: 'America/New_York' });
    expect(plan.problems).toEqual([]);
    expect(plan.unscheduled).toEqual(['never']);
    expect(plan.planned).toEqual([
      { connector: 'nightly', expression: '0 3 * * *', timezone: 'Europe/Berlin', periodMs: 86_400_000, source: 'connector' },
      { connector: 'hourly', expression: '0 * * * *', timezone: 'America/New_York', periodMs: 3_600_000, source: 'connector' },
    ]);
  });

  it('an every-N-seconds override schedules every connector, even those without a schedule', () => {
    const plan = planSchedules([nightly, never], { everySeconds: 5 });
    expect(plan.planned.map((p) => [p.connector, p.expression, p.periodMs, p.source])).toEqual([
      ['nightly', '*/5 * * * * *', 5_000, 'override'],
      ['never', '*/5 * * * * *', 5_000, 'override'],
    ]);
  });

  it('reports a bad time zone or override as a problem', () => {
    expect(planSchedules([hourly], { timezone: 'Mars/Olympus' }).problems[0]).toMatch(/Mars\/Olympus.*not an IANA time zone/);
    expect(planSchedules([hourly], { everySeconds: 7 }).problems[0]).toMatch(/every 7 s/);
  });
});
