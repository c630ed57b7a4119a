import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/response-array-items-type-changed.js';
import { changesFor, ruleTable } from '../rule-harness.js';

describe('response-array-items-type-changed', () => {
  it('defaults to breaking', () => expect(rule.severity).toBe('breaking'));
  ruleTable(rule, [
    { name: 'strings -> objects', given: { before: [{ tags: ['a', 'b'] }], after: [{ tags: [{ id: 1, name: 'a' }] }] }, paths: ['$.tags[*]'] },
    { name: 'nested arrays', given: { before: [{ grid: [[1, 2]] }], after: [{ grid: [['1']] }] }, paths: ['$.grid[*][*]'] },
    { name: 'silent when items keep their type', given: { before: [{ tags: ['a'] }], after: [{ tags: ['b', 'c'] }] }, paths: [] },
    { name: 'silent when the array is empty now', given: { before: [{ tags: ['a'] }], after: [{ tags: [] }] }, paths: [] },
    { name: 'a field of an item is the property rule, not this one', given: { before: [{ d: [{ id: 1 }] }], after: [{ d: [{ id: '1' }] }] }, paths: [] },
    { name: 'a list body whose items change type', given: { before: [[1, 2]], after: [['a']] }, paths: ['$[*]'] },
  ]);

  it('carries before/after and a readable message', () => {
    const [change] = changesFor(rule, { before: [{ tags: ['a'] }], after: [{ tags: [1] }] });
    expect(change?.message).toBe('items of $.tags changed type from string to integer');
  });
});
