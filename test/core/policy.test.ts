import { describe, expect, it } from 'vitest';
import { absenceIsChange, chanceOfAbsence, chanceOfAtLeast, isClosedValueSet, newValueIsChange, noveltyIsChange, noveltyStopped } from '../../src/core/policy.js';

const presence = (present: number, seen: number, absent: number, absentNow = absent, seenNow = absent) => ({ present, seen, absent, absentNow, seenNow });

describe('noveltyStopped', () => {
  it('needs a run without the novelty that is improbable at the rate seen so far', () => {
    expect(noveltyStopped(5, 24, 2)).toBe(false);
    expect(noveltyStopped(5, 24, 30)).toBe(true);
    expect(noveltyStopped(1, 200, 24)).toBe(false);
    expect(noveltyStopped(0, 10, 0)).toBe(true);
  });
});

describe('chanceOfAtLeast (uniform prior on the rate of the unusual outcome)', () => {
  it('matches the closed form for a streak: after n of n, m in a row happen with chance m! (n+1)! / (n+m+1)!', () => {
    // 1·2·3 / (22·23·24): after 20 of 20, three misses in a row.
    expect(chanceOfAtLeast(3, 3, 20, 20)).toBeCloseTo(6 / (22 * 23 * 24), 12);
    expect(chanceOfAtLeast(1, 1, 0, 0)).toBeCloseTo(0.5, 12);
  });

  it('is 1 for nothing unusual, 0 for more than there were, and falls as the evidence grows', () => {
    expect(chanceOfAtLeast(0, 10, 5, 5)).toBe(1);
    expect(chanceOfAtLeast(11, 10, 5, 5)).toBe(0);
    expect(chanceOfAtLeast(4, 24, 24, 24)).toBeGreaterThan(chanceOfAtLeast(4, 24, 120, 120));
    expect(chanceOfAtLeast(2, 10, 30, 30)).toBeGreaterThan(chanceOfAtLeast(5, 10, 30, 30));
  });

  it('sums tails of many thousands of trials in bounded time', () => {
    expect(chanceOfAtLeast(10, 100_000, 1_000, 1_000)).toBeGreaterThan(0.9);
    expect(chanceOfAtLeast(90_000, 100_000, 1_000, 1_000)).toBeLessThan(1e-6);
  });
});

describe('the evidence policy, in numbers (docs/evidence.md quotes these)', () => {
  it('calls a removal after 3 absences when 20 of 20 had the field, after 7 when only 5 of 5 did', () => {
    expect(absenceIsChange(presence(20, 20, 2))).toBe(false);
    expect(absenceIsChange(presence(20, 20, 3))).toBe(true);
    expect(absenceIsChange(presence(5, 5, 6))).toBe(false);
    expect(absenceIsChange(presence(5, 5, 7))).toBe(true);
  });

  it('never calls an optional field (< 95 % present) removed, however long it is gone', () => {
    expect(absenceIsChange(presence(94, 100, 500))).toBe(false);
    expect(chanceOfAbsence(presence(94, 100, 500))).toBeLessThan(1e-6);
  });

  it('judges a partial absence on the share missing now', () => {
    expect(absenceIsChange(presence(30, 30, 5, 5, 10))).toBe(true);
    expect(absenceIsChange(presence(30, 30, 3, 3, 10))).toBe(false);
  });

  it('treats nulls and format misses as novelty against the values seen without them', () => {
    expect(noveltyIsChange(20, 3, 3)).toBe(true);
    expect(noveltyIsChange(20, 1, 2)).toBe(false);
  });

  it('calls a value set closed with 20+ observations of at most 12 short values, 10 each on average, no format', () => {
    const base = { observations: 40, distinct: 4, longest: 8 };
    expect(isClosedValueSet(base)).toBe(true);
    expect(isClosedValueSet({ ...base, observations: 39 })).toBe(false);
    expect(isClosedValueSet({ ...base, distinct: 13, observations: 500 })).toBe(false);
    expect(isClosedValueSet({ ...base, longest: 65 })).toBe(false);
    expect(isClosedValueSet({ ...base, format: 'uuid' })).toBe(false);
    expect(newValueIsChange({ ...base, newNow: 3, seenNow: 3 })).toBe(true);
    expect(newValueIsChange({ ...base, newNow: 1, seenNow: 10 })).toBe(false);
  });
});
