// The plan read from real connector files: scheduled, unscheduled, broken files named, problems with their file.
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/schedule/load-plan.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';

let root: TempRoot | undefined;
afterEach(() => root?.cleanup());

describe('loadPlan', () => {
  it('plans scheduled connectors, lists the rest, and names the connectors whose file broke', async () => {
    root = await makeTempRoot('driftwatch-plan-');
    await root.writeConnector('alpha', connectorBody('https://vendor.example', [{ id: 'things', path: '/things' }], { schedule: '0 3 * * *', timezone: 'Europe/Paris' }));
    await root.writeConnector('quiet', connectorBody('https://vendor.example', [{ id: 'things', path: '/things' }]));
    await root.writeConnector('broken', 'name: broken\nowner: [unclosed\n');
    const plan = await loadPlan(root.dir, { timezone: 'UTC' });
    expect(plan.planned).toEqual([{ connector: 'alpha', expression: '0 3 * * *', timezone: 'Europe/Paris', periodMs: 86_400_000, source: 'connector' }]);
    expect(plan.unscheduled).toEqual(['quiet']);
    expect([...plan.broken]).toEqual(['broken']);
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]).toMatch(/^contracts\/broken\/connector\.yaml:\d+:\d+/);

    // An override no cron can express is a problem; each connector keeps its own schedule.
    const every = await loadPlan(root.dir, { everySeconds: 7 });
    expect(every.planned.map((p) => [p.connector, p.source])).toEqual([['alpha', 'connector']]);
    expect(every.problems.some((p) => p.includes('--once-every-seconds 7'))).toBe(true);
  });
});
