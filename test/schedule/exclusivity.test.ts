// The exclusivity guard: a SQLite lock file or the exclusive lease behind stillHeld()/release(), and what losing it does.
import { mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultMode, EXCLUSIVE_LEASE, takeExclusivity, type GuardOptions } from '../../src/schedule/exclusivity.js';
import type { LeaseStore } from '../../src/schedule/lease-coordinator.js';
import { lockFileFor } from '../../src/schedule/store-lock.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { FakeClock } from './helpers/fake-clock.js';

let dir: string;
let db: string;
let store: HistoryStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'driftwatch-guard-'));
  db = join(dir, 'history.db');
  store = await openSqliteStore(db);
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function options(extra: Partial<Omit<GuardOptions, 'clock' | 'onLost'>> = {}): GuardOptions & { lost: string[]; clock: FakeClock } {
  const lost: string[] = [];
  const clock = new FakeClock();
  const base: GuardOptions = { mode: 'exclusive', location: { kind: 'sqlite', file: db }, leases: store, instance: 'i1', clock, onLost: (why) => void lost.push(why), ...extra };
  return { ...base, lost, clock };
}

describe('exclusivity guard: the SQLite lock file', () => {
  it('holds the lock file, refuses a second guard with STORE_LOCKED, and frees it on release', async () => {
    const first = await takeExclusivity(options());
    expect(first.holds).toBe(lockFileFor(db));
    expect(await first.stillHeld()).toBe(true);
    expect(JSON.parse(await readFile(lockFileFor(db), 'utf8'))).toMatchObject({ pid: process.pid });
    await expect(takeExclusivity(options({ instance: 'i2' }))).rejects.toMatchObject({ code: 'STORE_LOCKED', message: expect.stringMatching(/refusing to start a second watcher/) });
    await first.release();
    await first.release();
    await expect(readFile(lockFileFor(db), 'utf8')).rejects.toThrow(/ENOENT/);
    const again = await takeExclusivity(options({ instance: 'i2' }));
    await again.release();
  });

  it('checks the file on its tick and reports a removed lock', async () => {
    const o = options({ checkEveryMs: 10_000 });
    const guard = await takeExclusivity(o);
    await o.clock.advance(10_000);
    expect(o.lost).toEqual([]);
    await unlink(lockFileFor(db));
    expect(await guard.stillHeld()).toBe(false);
    await o.clock.advance(10_000);
    await vi.waitFor(() => expect(o.lost).toEqual([`the lock file ${lockFileFor(db)} was removed or replaced`]), { timeout: 5_000 });
    await guard.release();
    expect(o.clock.pending()).toBe(0);
  });
});

describe('exclusivity guard: the PostgreSQL exclusive lease', () => {
  // The guard needs only the lease calls: the SQLite store's lease table stands in for PostgreSQL's here.
  const pg = { kind: 'postgres', url: 'postgres://driftwatch@127.0.0.1/db' } as const;

  it('holds the lease, refuses a second exclusive watcher, and lets one in after release', async () => {
    const first = await takeExclusivity(options({ location: pg }));
    expect(first.holds).toBe(`lease ${EXCLUSIVE_LEASE}`);
    await expect(takeExclusivity(options({ location: pg, instance: 'i2' }))).rejects.toMatchObject({ code: 'STORE_LOCKED' });
    await first.release();
    const second = await takeExclusivity(options({ location: pg, instance: 'i2' }));
    expect(await second.stillHeld()).toBe(true);
    await second.release();
  });

  it('reports a lost lease (a renewal refused) once, and stops claiming to hold it', async () => {
    let refuse = false;
    let refused = 0;
    const leases: LeaseStore = {
      acquireLease: async (...args) => {
        if (refuse) refused++;
        return !refuse && store.acquireLease(...args);
      },
      releaseLease: (...args) => store.releaseLease(...args),
    };
    const o = options({ location: pg, leases, leaseTtlMs: 150 });
    const guard = await takeExclusivity(o);
    refuse = true;
    await vi.waitFor(() => expect(o.lost).toEqual(['the exclusive lease was lost']), { timeout: 5_000 });
    expect(await guard.stillHeld()).toBe(false);
    // Every renewal keeps failing; the daemon hears about it once.
    const seen = refused;
    await vi.waitFor(() => expect(refused).toBeGreaterThanOrEqual(seen + 3), { timeout: 5_000 });
    expect(o.lost).toHaveLength(1);
    await guard.release();
  });
});

describe('exclusivity guard: shared mode', () => {
  it('holds nothing, so any number of shared watchers start; PostgreSQL defaults to shared, SQLite to exclusive', async () => {
    const a = await takeExclusivity(options({ mode: 'shared' }));
    const b = await takeExclusivity(options({ mode: 'shared', instance: 'i2' }));
    expect(a.holds).toBe('nothing (shared mode)');
    expect(await b.stillHeld()).toBe(true);
    await expect(readFile(lockFileFor(db), 'utf8')).rejects.toThrow(/ENOENT/);
    await a.release();
    await b.release();
    expect(defaultMode({ kind: 'postgres', url: 'postgres://x' })).toBe('shared');
    expect(defaultMode({ kind: 'sqlite', file: db })).toBe('exclusive');
    expect((await takeExclusivity(options({ location: { kind: 'memory' } }))).holds).toBe('nothing (a private in-memory store)');
  });
});
