// The fallback chain: owner -> team -> data owner -> default channel, skipping whoever cannot be reached, with the reason.
import { describe, expect, it } from 'vitest';
import { emptyRegistry } from '../../src/core/ownership.js';
import { buildNotification, buildSlackMessage } from '../../src/notify/build-message.js';
import { resolveOwnership } from '../../src/core/ownership.js';
import { routeFor } from '../../src/notify/route.js';
import { parseOwnersYaml } from '../../src/owners/load-owners.js';
import { testConnector } from '../owners/rule-table.js';
import { visibleText } from './slack-receiver.js';

const OWNERS = `
defaultChannel: "#ops"
escalateAfter: 12h
people:
  - { id: dana, name: Dana Reyes, slackId: U024DANA, active: false }
  - { id: lee, name: Lee Park, slack: "@lee", slackWebhookEnv: LEE_SLACK_WEBHOOK }
teams:
  - { id: payments, name: Payments team, slack: "#payments", members: [dana, lee] }
  - { id: finops, name: Finance operations, slack: "#finance-ops" }
connectors:
  billing: { owner: dana, dataOwner: finops }
  crm: { owner: lee, dataOwner: finops }
`;

describe('routeFor', () => {
  const { registry, problems } = parseOwnersYaml(OWNERS, '/p/contracts/owners.yaml');

  it('reads defaultChannel, escalateAfter and a person webhook env from owners.yaml', () => {
    expect(problems).toEqual([]);
    expect(registry.defaultChannel).toBe('#ops');
    expect(registry.escalateAfterHours).toBe(12);
    expect(registry.people.find((p) => p.id === 'lee')?.slackWebhookEnv).toBe('LEE_SLACK_WEBHOOK');
  });

  it('skips an owner who left, with the reason, and goes on to the team, the data owner and the default channel', () => {
    const route = routeFor(testConnector({ name: 'billing' }), registry);
    expect(route.skipped).toEqual([{ role: 'owner', name: 'Dana Reyes', reason: 'inactive in contracts/owners.yaml' }]);
    expect(route.steps.map((s) => [s.role, s.mention])).toEqual([
      ['team', '#payments'],
      ['data owner', '#finance-ops'],
      ['default channel', '#ops'],
    ]);
    const n = buildNotification({
      connector: testConnector(),
      ownership: resolveOwnership(testConnector(), registry),
      route,
      events: [{ kind: 'opened', drift: DRIFT }],
      runId: 1,
    })!;
    const text = visibleText(buildSlackMessage(n));
    expect(text).toContain('*To:* #payments (team)');
    expect(text).toContain('*Skipped:* Dana Reyes (owner): inactive in contracts/owners.yaml');
  });

  it('an active owner is the first stop, reached through their own webhook when they have one', () => {
    const route = routeFor(testConnector({ name: 'crm' }), registry);
    expect(route.skipped).toEqual([]);
    expect(route.steps.map((s) => s.role)).toEqual(['owner', 'team', 'data owner', 'default channel']);
    expect(route.steps[0]).toEqual({ role: 'owner', name: 'Lee Park', mention: '@lee', webhookEnv: 'LEE_SLACK_WEBHOOK' });
  });

  it('an owner owners.yaml does not know is skipped as unknown; without owners.yaml the written owner is the chain', () => {
    const unknown = routeFor(testConnector({ name: 'shipping', owner: { name: 'Sam Hill' }, dataOwner: undefined }), registry);
    expect(unknown.skipped).toEqual([{ role: 'owner', name: 'Sam Hill', reason: 'not in contracts/owners.yaml' }]);
    expect(unknown.steps.map((s) => s.role)).toEqual(['default channel']);
    const bare = routeFor(testConnector({ owner: { name: 'Sam Hill', slack: '@sam' } }), emptyRegistry());
    expect(bare.steps.map((s) => [s.role, s.mention])).toEqual([
      ['owner', '@sam'],
      ['data owner', 'Finance operations'],
    ]);
  });

  it('reports an unreadable escalateAfter with its place', () => {
    const bad = parseOwnersYaml('escalateAfter: soon\n', '/p/contracts/owners.yaml');
    expect(bad.problems.map((p) => `${p.at}: ${p.message}`)).toEqual(['escalateAfter: must be a duration such as 24h or 2d (hours or days, more than 0)']);
  });
});

const DRIFT = {
  id: 1,
  fingerprint: 'aaaabbbbcccc',
  connector: 'billing',
  endpoint: 'list-invoices',
  rule: 'response-property-type-changed',
  path: '$.data[*].amount',
  severity: 'breaking' as const,
  source: 'snapshot',
  message: 'amount changed type',
  evidence: [{ source: 'snapshot' as const, message: 'amount changed type' }],
  before: 'integer',
  after: 'string',
  status: 'open' as const,
  pinned: null,
  suppressed: false,
  firstSeenRun: 1,
  firstSeenAt: '2026-11-20T03:00:00.000Z',
  lastSeenRun: 1,
  lastSeenAt: '2026-11-20T03:00:00.000Z',
  resolvedAt: null,
  note: null,
};
