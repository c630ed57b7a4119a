// The jitter offset: fixed per connector name, inside the window, at most half the period, spread over the window.
import { describe, expect, it } from 'vitest';
import { DEFAULT_JITTER_WINDOW_MS, jitterMs } from '../../src/schedule/jitter.js';

describe('jitterMs', () => {
  it('is the same for a name every time and lies inside the window', () => {
    for (const name of ['billing', 'crm', 'c001', 'c002']) {
      const offset = jitterMs(name, 5_000, 60_000);
      expect(jitterMs(name, 5_000, 60_000)).toBe(offset);
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThan(5_000);
    }
    expect(jitterMs('c001', 5_000, 60_000)).not.toBe(jitterMs('c002', 5_000, 60_000));
    expect(DEFAULT_JITTER_WINDOW_MS).toBe(5_000);
  });

  it('is 0 without a window, and never more than half the schedule period', () => {
    expect(jitterMs('billing', 0, 60_000)).toBe(0);
    const names = Array.from({ length: 200 }, (_, i) => `connector-${i}`);
    expect(Math.max(...names.map((n) => jitterMs(n, 60_000, 1_000)))).toBeLessThan(500);
    expect(Math.max(...names.map((n) => jitterMs(n, 60_000, 1_000)))).toBeGreaterThan(400);
  });

  it('spreads 100 connectors evenly: no second of a 5 s window holds more than twice its share', () => {
    const names = Array.from({ length: 100 }, (_, i) => `c${String(i).padStart(3, '0')}`);
    const perSecond = [0, 0, 0, 0, 0];
    for (const n of names) perSecond[Math.floor(jitterMs(n, 5_000, 60_000) / 1_000)]!++;
    expect(Math.max(...perSecond)).toBeLessThanOrEqual(40);
    expect(Math.min(...perSecond)).toBeGreaterThanOrEqual(8);
  });
});
