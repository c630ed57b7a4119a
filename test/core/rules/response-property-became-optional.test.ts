import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../src/core/model.js';
import rule from '../../../src/core/rules/response-property-became-optional.js';
import { changesFor, ruleTable, times } from '../rule-harness.js';

describe('response-property-became-optional', () => {
  it('defaults to warning', () => expect(rule.severity).toBe('warning'));
  ruleTable(rule, [
    {
      name: 'fires when a field in every snapshot object is missing from some now',
      given: { before: times(5, () => ({ id: 1, addr: 'x' })), after: [{ id: 1, addr: 'x' }, { id: 2 }] },
      paths: ['$.addr'],
    },
    {
      name: 'silent when the snapshot already saw it missing',
      given: { before: [{ id: 1, addr: 'x' }, { id: 2 }], after: [{ id: 1, addr: 'x' }, { id: 2 }] },
      paths: [],
    },
    {
      name: 'silent when absent from all (that is property-removed)',
      given: { before: times(2, () => ({ id: 1, addr: 'x' })), after: [{ id: 1 }] },
      paths: [],
    },
    {
      name: 'counts list items as samples',
      given: { before: [{ data: times(10, (i) => ({ id: i, addr: 'x' })) }], after: [{ data: times(10, (i): JsonValue => (i === 3 ? { id: i } : { id: i, addr: 'x' })) }] },
      paths: ['$.data[*].addr'],
    },
  ]);

  it('carries before/after and a readable message', () => {
    const [change] = changesFor(rule, { before: times(5, () => ({ id: 1, addr: 'x' })), after: [{ id: 1, addr: 'x' }, { id: 2 }, { id: 3, addr: 'y' }] });
    expect(change?.message).toContain('2 of 3');
  });
});
