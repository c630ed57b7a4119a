import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/ownership-review-overdue.js';
import { evaluateOwnership } from '../../../src/core/ownership.js';
import { deltaRuleTable, NOW, registry, testConnector } from '../../owners/rule-table.js';

describe('ownership-review-overdue', () => {
  it('defaults to warning', () => expect(rule.severity).toBe('warning'));
  deltaRuleTable(rule, [
    { name: 'silent when reviewed 22 days ago', deltas: () => evaluateOwnership(testConnector(), registry({}, '2026-11-01'), NOW), want: [] },
    { name: 'silent at exactly 180 days', deltas: () => evaluateOwnership(testConnector(), registry({}, '2026-05-27'), NOW), want: [] },
    {
      name: 'overdue at 181 days',
      deltas: () => evaluateOwnership(testConnector(), registry({}, '2026-05-26'), NOW),
      want: [{ path: 'reviewedAt', message: /181 days ago \(due every 180 days\)/ }],
    },
    {
      name: 'the window is configurable (reviewEveryDays: 30)',
      deltas: () => evaluateOwnership(testConnector(), registry({ reviewEveryDays: 30 }, '2026-10-01'), NOW),
      want: [{ path: 'reviewedAt', message: /due every 30 days/ }],
    },
    {
      name: 'never reviewed is info',
      deltas: () => evaluateOwnership(testConnector(), registry({ connectors: { billing: { channel: '#b' } } }), NOW),
      want: [{ path: 'reviewedAt', severity: 'info', message: /never reviewed/ }],
    },
  ]);
});
