import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/runbook-missing.js';
import { evaluateOwnership } from '../../../src/core/ownership.js';
import { deltaRuleTable, NOW, registry, testConnector } from '../../owners/rule-table.js';

describe('runbook-missing', () => {
  it('defaults to warning', () => expect(rule.severity).toBe('warning'));
  deltaRuleTable(rule, [
    { name: 'silent with a runbook in connector.yaml', deltas: () => evaluateOwnership(testConnector(), registry(), NOW), want: [] },
    { name: 'no runbook anywhere', deltas: () => evaluateOwnership(testConnector({ runbook: undefined }), registry(), NOW), want: [{ path: 'runbook' }] },
    {
      name: 'a runbook in owners.yaml counts',
      deltas: () =>
        evaluateOwnership(testConnector({ runbook: undefined }), registry({ connectors: { billing: { channel: '#b', reviewedAt: '2026-11-01', runbook: 'https://w/r' } } }), NOW),
      want: [],
    },
  ]);
});
