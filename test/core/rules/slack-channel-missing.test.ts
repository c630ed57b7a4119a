import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/slack-channel-missing.js';
import { evaluateOwnership } from '../../../src/core/ownership.js';
import { deltaRuleTable, NOW, registry, testConnector } from '../../owners/rule-table.js';

describe('slack-channel-missing', () => {
  it('defaults to warning', () => expect(rule.severity).toBe('warning'));
  deltaRuleTable(rule, [
    { name: 'silent with a channel in owners.yaml', deltas: () => evaluateOwnership(testConnector(), registry(), NOW), want: [] },
    {
      name: 'silent with a #channel as owner.slack',
      deltas: () =>
        evaluateOwnership(testConnector({ owner: { name: 'Dana Reyes', slack: '#billing' } }), registry({ connectors: { billing: { reviewedAt: '2026-11-01' } } }), NOW),
      want: [],
    },
    {
      name: 'only a personal handle',
      deltas: () => evaluateOwnership(testConnector(), registry({ connectors: { billing: { reviewedAt: '2026-11-01' } } }), NOW),
      want: [{ path: 'channel', message: /only the handle @dana/ }],
    },
  ]);
});
