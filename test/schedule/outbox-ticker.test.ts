// The outbox ticker on a fake clock: flushes on its tick, one flush at a time, failures logged and reported, stop ends it.
import { describe, expect, it } from 'vitest';
import type { FlushReport } from '../../src/notify/flush-outbox.js';
import { startOutboxTicker } from '../../src/schedule/outbox-ticker.js';
import { FakeClock, settle } from './helpers/fake-clock.js';
import { capturedLogger } from './helpers/fakes.js';

const empty: FlushReport = { delivered: [], failed: [], pending: 0 };

describe('outbox ticker', () => {
  it('flushes on each tick until stopped, and logs only flushes that did something', async () => {
    const clock = new FakeClock();
    const log = capturedLogger();
    const reports: FlushReport[] = [empty, { delivered: [{ id: 1, key: 'k1', connector: 'alpha', target: 'webhook:DW_HOOK' }], failed: [], pending: 0 }];
    let flushes = 0;
    const ticker = startOutboxTicker({ flush: async () => reports[flushes++] ?? empty, clock, logger: log.logger, intervalMs: 60_000 });
    await clock.advance(59_999);
    expect(flushes).toBe(0);
    await clock.advance(1);
    expect(flushes).toBe(1);
    await clock.advance(60_000);
    expect(flushes).toBe(2);
    expect(log.entries().filter((e) => e.msg === 'outbox flushed')).toEqual([expect.objectContaining({ delivered: 1, failed: 0, pending: 0 })]);
    ticker.stop();
    await clock.advance(600_000);
    expect(flushes).toBe(2);
    expect(clock.pending()).toBe(0);
  });

  it('joins a flush in progress instead of starting a second one', async () => {
    const clock = new FakeClock();
    let release: () => void = () => {};
    let flushes = 0;
    const ticker = startOutboxTicker({
      flush: () => {
        flushes++;
        return new Promise<FlushReport>((resolve) => (release = () => resolve(empty)));
      },
      clock, logger: capturedLogger().logger, intervalMs: 1_000,
    });
    const a = ticker.flushNow();
    const b = ticker.flushNow();
    await clock.advance(1_000);
    expect(flushes).toBe(1);
    release();
    await Promise.all([a, b]);
    // Once done, the next call starts a new flush.
    const c = ticker.flushNow();
    expect(flushes).toBe(2);
    release();
    await c;
    ticker.stop();
  });

  it('a failing flush is logged and reported to health, never thrown; interval 0 means no tick', async () => {
    const clock = new FakeClock();
    const log = capturedLogger();
    const errors: unknown[] = [];
    let flushes = 0;
    const ticker = startOutboxTicker({
      flush: async () => {
        flushes++;
        throw new Error('relation "outbox" does not exist');
      },
      clock, logger: log.logger, intervalMs: 0, onStoreStatus: (error) => errors.push(error),
    });
    expect(clock.pending()).toBe(0);
    await ticker.flushNow();
    await settle();
    expect(flushes).toBe(1);
    expect((errors[0] as Error).message).toMatch(/outbox/);
    expect(log.entries().some((e) => e.msg === 'outbox flush failed' && e.level === 50)).toBe(true);
    ticker.stop();
  });
});
