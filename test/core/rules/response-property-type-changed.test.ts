import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/response-property-type-changed.js';
import { changesFor, ruleTable } from '../rule-harness.js';

describe('response-property-type-changed', () => {
  it('defaults to breaking', () => expect(rule.severity).toBe('breaking'));
  ruleTable(rule, [
    { name: 'number -> string', given: { before: [{ amount: 12.5 }], after: [{ amount: '12.50' }] }, paths: ['$.amount'] },
    { name: 'integer -> number (decimals now)', given: { before: [{ n: 1 }, { n: 2 }], after: [{ n: 1.5 }] }, paths: ['$.n'] },
    { name: 'number -> integer is no change (integers are numbers)', given: { before: [{ n: 1.5 }], after: [{ n: 2 }] }, paths: [] },
    { name: 'object -> string, without reporting its children', given: { before: [{ c: { id: 1 } }], after: [{ c: 'cus_1' }] }, paths: ['$.c'] },
    { name: 'a new type besides the old one', given: { before: [{ v: 'a' }], after: [{ v: 'a' }, { v: 3 }] }, paths: ['$.v'] },
    { name: 'fewer types than before is no change', given: { before: [{ v: 'a' }, { v: 3 }], after: [{ v: 'b' }] }, paths: [] },
    { name: 'null alone is not a type change', given: { before: [{ v: 'a' }], after: [{ v: null }] }, paths: [] },
    { name: 'inside list items', given: { before: [{ data: [{ id: 1 }] }], after: [{ data: [{ id: '1' }] }] }, paths: ['$.data[*].id'] },
    { name: 'the whole body', given: { before: [{ id: 1 }], after: [[{ id: 1 }]] }, paths: ['$'] },
    { name: 'array items are the other rule', given: { before: [{ t: ['a'] }], after: [{ t: [1] }] }, paths: [] },
  ]);

  it('carries before/after and a readable message', () => {
    const [change] = changesFor(rule, { before: [{ amount: 12.5 }], after: [{ amount: '12.50' }, { amount: null }] });
    expect(change?.before).toEqual(['number']);
    expect(change?.after).toEqual(['string']);
    expect(change?.message).toBe('$.amount changed type from number to string');
  });
});
