import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/response-property-became-nullable.js';
import { changesFor, ruleTable, times } from '../rule-harness.js';

// Fires when the nulls are improbable under the non-null values seen (chance <= 1/1000 under a uniform prior).
describe('response-property-became-nullable', () => {
  it('defaults to breaking', () => expect(rule.severity).toBe('breaking'));
  ruleTable(rule, [
    { name: 'fires when a field non-null 20 times is null in 3 of 3 objects now', given: { before: times(20, (i) => ({ e: `a${i}@b.co` })), after: times(3, () => ({ e: null })) }, paths: ['$.e'] },
    { name: 'silent on one null among 2 after 20 non-null values: that is chance', given: { before: times(20, (i) => ({ e: `a${i}@b.co` })), after: [{ e: 'a@b.co' }, { e: null }] }, paths: [] },
    { name: 'silent when the snapshot already saw null', given: { before: [...times(20, () => ({ e: 'a@b.co' })), { e: null }], after: times(5, () => ({ e: null })) }, paths: [] },
    { name: 'silent when never null', given: { before: times(20, () => ({ e: 'x' })), after: [{ e: 'y' }] }, paths: [] },
    { name: 'fires on an object that is null now, not on its children', given: { before: times(20, () => ({ c: { id: 1 } })), after: times(3, () => ({ c: null })) }, paths: ['$.c'] },
    {
      name: 'fires on list items',
      given: { before: times(3, () => ({ data: times(10, (i) => ({ id: i, due: '2026-01-01' })) })), after: [{ data: times(10, (i) => ({ id: i, due: null })) }] },
      paths: ['$.data[*].due'],
    },
    { name: 'fires on null array items', given: { before: times(10, () => ({ t: ['a', 'b'] })), after: [{ t: [null, null, null, null] }] }, paths: ['$.t[*]'] },
  ]);

  it('carries the evidence in numbers', () => {
    const [change] = changesFor(rule, { before: times(20, (i) => ({ e: `a${i}@b.co` })), after: times(3, () => ({ e: null })) });
    expect(change?.message).toBe('$.e became nullable (non-null in 20 earlier values, null in 3 of 3 now)');
  });
});
