// The run coordinator on a real SQLite store: one winner per slot, the next slot open to anyone, late callers decline.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLeaseCoordinator, holdLease, parseRunKey, runningLeaseName } from '../../src/schedule/lease-coordinator.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';

let dir: string;
let stores: HistoryStore[];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'driftwatch-lease-'));
  const file = join(dir, 'history.db');
  stores = [await openSqliteStore(file), await openSqliteStore(file), await openSqliteStore(file)];
});
afterEach(async () => {
  for (const s of stores) await s.close();
  await rm(dir, { recursive: true, force: true });
});

const T0 = Date.parse('2026-11-23T03:00:00.000Z');
const key = (ms: number): string => `driftwatch:billing:${new Date(ms).toISOString()}`;

describe('parseRunKey', () => {
  it('splits node-cron keys, whose task name may itself hold colons', () => {
    expect(parseRunKey('driftwatch:billing:2026-11-23T03:00:00.000Z')).toEqual({ task: 'driftwatch:billing', slot: new Date(T0) });
    expect(parseRunKey('no slot here')).toBeNull();
  });
});

describe('createLeaseCoordinator', () => {
  it('elects exactly one of three instances per slot; the next slot is open again; a late caller declines', async () => {
    let clock = T0 + 5;
    const declined: string[] = [];
    const coordinators = stores.map((store, i) =>
      createLeaseCoordinator(store, { instance: `i${i}`, now: () => new Date(clock), events: { declined: (_t, _s, why) => declined.push(`i${i}:${why}`) } }),
    );
    const ttl = 30_000;
    const first = await Promise.all(coordinators.map((c) => c.shouldRun(key(T0), ttl)));
    expect(first.filter(Boolean)).toHaveLength(1);
    expect(first[0]).toBe(true);
    // Asking again for the same slot never elects a second instance.
    expect(await coordinators[1]!.shouldRun(key(T0), ttl)).toBe(false);

    clock = T0 + 60_000 + 3;
    const second = [await coordinators[2]!.shouldRun(key(T0 + 60_000), ttl), await coordinators[0]!.shouldRun(key(T0 + 60_000), ttl)];
    expect(second).toEqual([true, false]);

    clock = T0 + 120_000 + ttl + 1;
    expect(await coordinators[1]!.shouldRun(key(T0 + 120_000), ttl)).toBe(false);
    expect(declined).toContain('i1:late');
  });
});

describe('holdLease', () => {
  it('keeps others off while held, renews, and frees on release', async () => {
    let clock = T0;
    const now = (): Date => new Date(clock);
    const a = await holdLease(stores[0]!, runningLeaseName('billing'), { instance: 'a', now, ttlMs: 1_000 });
    expect(a.held).toBe(true);
    const b = await holdLease(stores[1]!, runningLeaseName('billing'), { instance: 'b', now, ttlMs: 1_000 });
    expect(b.held).toBe(false);
    await a.release();
    const c = await holdLease(stores[1]!, runningLeaseName('billing'), { instance: 'b', now, ttlMs: 1_000 });
    expect(c.held).toBe(true);
    // A holder that died (never renewed) loses it once the ttl passed.
    clock = T0 + 1_001;
    const d = await holdLease(stores[2]!, runningLeaseName('billing'), { instance: 'c', now, ttlMs: 1_000 });
    expect(d.held).toBe(true);
    await c.release();
    await d.release();
  });
});
