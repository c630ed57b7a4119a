import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/response-status-changed.js';
import { changesFor, ruleTable } from '../rule-harness.js';

describe('response-status-changed', () => {
  it('defaults to breaking', () => expect(rule.severity).toBe('breaking'));
  ruleTable(rule, [
    { name: '200 -> 202', given: { before: [{ id: 1 }], after: [{ job: 'j' }], statusAfter: 202 }, paths: ['status'] },
    { name: '200 -> 404', given: { before: [{ id: 1 }], after: [{ error: 'gone' }], statusAfter: 404 }, paths: ['status'] },
    { name: 'silent on the same status', given: { before: [{ id: 1 }], after: [{ id: 2 }] }, paths: [] },
  ]);

  it('carries before/after and a readable message', () => {
    const [change] = changesFor(rule, { before: [{ id: 1 }], after: [{ id: 1 }], statusAfter: 301 });
    expect(change?.before).toEqual([200]);
    expect(change?.after).toBe(301);
  });
});
