import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/response-format-changed.js';
import type { JsonValue } from '../../../src/core/model.js';
import { changesFor, ruleTable, times } from '../rule-harness.js';

const at = (value: JsonValue): JsonValue => ({ at: value });
const isoTimes = (n: number) => times(n, (i) => at(`2026-11-${String(10 + (i % 18)).padStart(2, '0')}T09:00:00Z`));

// Fires when the values without the learned format are improbable under what was seen (chance <= 1/1000).
describe('response-format-changed', () => {
  it('defaults to warning', () => expect(rule.severity).toBe('warning'));
  ruleTable(rule, [
    { name: 'date-time -> a local date string', given: { before: isoTimes(20), after: times(3, () => at('11/23/2026')) }, paths: ['$.at'] },
    { name: 'date-time -> date', given: { before: isoTimes(20), after: times(3, () => at('2026-11-23')) }, paths: ['$.at'] },
    { name: 'date-time loses its offset', given: { before: isoTimes(20), after: times(3, () => at('2026-11-23T09:00:00')) }, paths: ['$.at'] },
    { name: 'uuid -> prefixed id', given: { before: times(20, () => ({ id: '123e4567-e89b-12d3-a456-426614174000' })), after: times(3, (i) => ({ id: `cus_${i}` })) }, paths: ['$.id'] },
    { name: 'silent on one odd value among many: that is chance', given: { before: isoTimes(20), after: [...isoTimes(9), at('n/a')] }, paths: [] },
    { name: 'silent when the format was seen only a few times', given: { before: isoTimes(2), after: [at('11/23/2026')] }, paths: [] },
    { name: 'silent when the format holds', given: { before: times(20, (i) => ({ e: `a${i}@b.co` })), after: [{ e: 'c@d.io' }] }, paths: [] },
    { name: 'silent when a field gains a format', given: { before: times(20, () => ({ u: 'x' })), after: [{ u: 'https://a.io' }] }, paths: [] },
    { name: 'silent when the field is only null now', given: { before: isoTimes(20), after: [at(null)] }, paths: [] },
    { name: 'silent when the field is no string now (type rule)', given: { before: isoTimes(20), after: [at(20261123)] }, paths: [] },
  ]);

  it('carries before/after and a readable message', () => {
    const [change] = changesFor(rule, { before: isoTimes(20), after: times(3, () => at('2026-11-23')) });
    expect(change?.before).toBe('date-time');
    expect(change?.after).toBe('date');
    expect(change?.message).toBe('$.at changed format from "date-time" to "date" (20 earlier values matched, 3 of 3 now do not)');
  });
});
