import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/response-format-changed.js';
import { changesFor, ruleTable } from '../rule-harness.js';

describe('response-format-changed', () => {
  it('defaults to warning', () => expect(rule.severity).toBe('warning'));
  ruleTable(rule, [
    { name: 'date-time -> a local date string', given: { before: [{ at: '2026-11-23T09:00:00Z' }], after: [{ at: '11/23/2026' }] }, paths: ['$.at'] },
    { name: 'date-time -> date', given: { before: [{ at: '2026-11-23T09:00:00Z' }], after: [{ at: '2026-11-23' }] }, paths: ['$.at'] },
    { name: 'date-time loses its offset', given: { before: [{ at: '2026-11-23T09:00:00Z' }], after: [{ at: '2026-11-23T09:00:00' }] }, paths: ['$.at'] },
    { name: 'uuid -> prefixed id', given: { before: [{ id: '123e4567-e89b-12d3-a456-426614174000' }], after: [{ id: 'cus_123' }] }, paths: ['$.id'] },
    { name: 'silent when the format holds', given: { before: [{ e: 'a@b.co' }], after: [{ e: 'c@d.io' }] }, paths: [] },
    { name: 'silent when a field gains a format', given: { before: [{ u: 'x' }], after: [{ u: 'https://a.io' }] }, paths: [] },
    { name: 'silent when the field is only null now', given: { before: [{ at: '2026-11-23' }], after: [{ at: null }] }, paths: [] },
    { name: 'silent when the field is no string now (type rule)', given: { before: [{ at: '2026-11-23' }], after: [{ at: 20261123 }] }, paths: [] },
  ]);

  it('carries before/after and a readable message', () => {
    const [change] = changesFor(rule, { before: [{ at: '2026-11-23T09:00:00Z' }], after: [{ at: '2026-11-23' }] });
    expect(change?.before).toBe('date-time');
    expect(change?.after).toBe('date');
  });
});
