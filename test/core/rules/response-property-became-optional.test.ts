import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../src/core/model.js';
import rule from '../../../src/core/rules/response-property-became-optional.js';
import { changesFor, ruleTable, times } from '../rule-harness.js';

// Fires when the share of objects missing a field that looked required is improbable under what was seen
// (chance <= 1/1000 under a uniform prior): after 30 of 30, 1 or 3 missing of 10 is chance, 5 of 10 is not.
describe('response-property-became-optional', () => {
  it('defaults to warning', () => expect(rule.severity).toBe('warning'));
  ruleTable(rule, [
    {
      name: 'fires when a field in every one of 30 objects is missing from 5 of 10 now',
      given: { before: times(30, () => ({ id: 1, addr: 'x' })), after: times(10, (i): JsonValue => (i < 5 ? { id: i } : { id: i, addr: 'x' })) },
      paths: ['$.addr'],
    },
    {
      name: 'silent when 3 of 10 are missing after 30 of 30 (one run in a hundred would do that by chance)',
      given: { before: times(30, () => ({ id: 1, addr: 'x' })), after: times(10, (i): JsonValue => (i < 3 ? { id: i } : { id: i, addr: 'x' })) },
      paths: [],
    },
    {
      name: 'silent when the snapshot already saw it missing often',
      given: { before: times(30, (i): JsonValue => (i % 2 ? { id: 1, addr: 'x' } : { id: 2 })), after: times(10, (i): JsonValue => (i < 5 ? { id: i } : { id: i, addr: 'x' })) },
      paths: [],
    },
    {
      name: 'silent when absent from all (that is property-removed)',
      given: { before: times(30, () => ({ id: 1, addr: 'x' })), after: times(5, () => ({ id: 1 })) },
      paths: [],
    },
    {
      name: 'counts list items as objects',
      given: {
        before: times(3, () => ({ data: times(10, (i) => ({ id: i, addr: 'x' })) })),
        after: [{ data: times(10, (i): JsonValue => (i < 6 ? { id: i } : { id: i, addr: 'x' })) }],
      },
      paths: ['$.data[*].addr'],
    },
  ]);

  it('carries the evidence in numbers', () => {
    const [change] = changesFor(rule, { before: times(30, () => ({ id: 1, addr: 'x' })), after: times(10, (i): JsonValue => (i < 5 ? { id: i } : { id: i, addr: 'x' })) });
    expect(change?.message).toBe('$.addr became optional (present in 30 of 30 earlier objects, missing from 5 of 10 now)');
  });
});
