import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/owner-inactive.js';
import { evaluateOwnership } from '../../../src/core/ownership.js';
import { deltaRuleTable, NOW, person, registry, testConnector } from '../../owners/rule-table.js';

const left = () => registry({ people: [person('dana', 'Dana Reyes', { slack: '@dana', active: false }), person('fin', 'Finance operations')] });

describe('owner-inactive', () => {
  it('defaults to warning', () => expect(rule.severity).toBe('warning'));
  deltaRuleTable(rule, [
    { name: 'silent for an active owner', deltas: () => evaluateOwnership(testConnector(), registry(), NOW), want: [] },
    {
      name: 'system owner marked inactive (matched by name)',
      deltas: () => evaluateOwnership(testConnector(), left(), NOW),
      want: [{ path: 'owner', message: /Dana Reyes is marked inactive/ }],
    },
    {
      name: 'matched by Slack handle when the name differs',
      deltas: () => evaluateOwnership(testConnector({ owner: { name: 'D. Reyes', slack: '@dana' } }), left(), NOW),
      want: [{ path: 'owner' }],
    },
    {
      name: 'inactive data owner',
      deltas: () =>
        evaluateOwnership(testConnector(), registry({ people: [person('dana', 'Dana Reyes'), person('fin', 'Finance operations', { active: false })] }), NOW),
      want: [{ path: 'dataOwner', message: /data owner Finance operations/ }],
    },
  ]);
});
