import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/response-property-became-nullable.js';
import { ruleTable } from '../rule-harness.js';

describe('response-property-became-nullable', () => {
  it('defaults to breaking', () => expect(rule.severity).toBe('breaking'));
  ruleTable(rule, [
    { name: 'fires when a never-null field is null now', given: { before: [{ e: 'a@b.co' }, { e: 'c@d.co' }], after: [{ e: 'a@b.co' }, { e: null }] }, paths: ['$.e'] },
    { name: 'silent when the snapshot already saw null', given: { before: [{ e: 'a@b.co' }, { e: null }], after: [{ e: null }] }, paths: [] },
    { name: 'silent when never null', given: { before: [{ e: 'x' }], after: [{ e: 'y' }] }, paths: [] },
    { name: 'fires on an object that is null now, not on its children', given: { before: [{ c: { id: 1 } }], after: [{ c: null }] }, paths: ['$.c'] },
    { name: 'fires on list items', given: { before: [{ data: [{ id: 1, due: '2026-01-01' }] }], after: [{ data: [{ id: 1, due: null }] }] }, paths: ['$.data[*].due'] },
    { name: 'fires on null array items', given: { before: [{ t: ['a'] }], after: [{ t: ['a', null] }] }, paths: ['$.t[*]'] },
  ]);
});
