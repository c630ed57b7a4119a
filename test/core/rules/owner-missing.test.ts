import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/owner-missing.js';
import { emptyRegistry, evaluateOwnership } from '../../../src/core/ownership.js';
import { deltaRuleTable, NOW, registry, testConnector } from '../../owners/rule-table.js';

describe('owner-missing', () => {
  it('defaults to warning', () => expect(rule.severity).toBe('warning'));
  deltaRuleTable(rule, [
    { name: 'silent when owner and data owner are known', deltas: () => evaluateOwnership(testConnector(), registry(), NOW), want: [] },
    {
      name: 'placeholder system owner',
      deltas: () => evaluateOwnership(testConnector({ owner: { name: 'TBD' } }), registry(), NOW),
      want: [{ path: 'owner', message: /no system owner/ }],
    },
    {
      name: 'system owner not in owners.yaml',
      deltas: () => evaluateOwnership(testConnector({ owner: { name: 'Sam Hill', slack: '@sam' } }), registry(), NOW),
      want: [{ path: 'owner', message: /"Sam Hill" is not listed in contracts\/owners\.yaml/ }],
    },
    {
      name: 'no data owner',
      deltas: () => evaluateOwnership(testConnector({ dataOwner: undefined }), registry(), NOW),
      want: [{ path: 'dataOwner', message: /no data owner/ }],
    },
    {
      name: 'without owners.yaml an unknown but named owner is not flagged',
      deltas: () => evaluateOwnership(testConnector({ owner: { name: 'Sam Hill' } }), emptyRegistry(), NOW),
      want: [],
    },
  ]);
});
