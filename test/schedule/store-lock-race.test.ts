// The lock takeover race: a live watcher's lock that replaced a stale one is never destroyed by a newcomer.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { acquireStoreLock, isAlive, lockFileFor } from '../../src/schedule/store-lock.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, rename: vi.fn(actual.rename) };
});

const actualFs = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');

let dir: string;
beforeEach(async () => {
  dir = await actualFs.mkdtemp(join(tmpdir(), 'driftwatch-lock-race-'));
});
afterEach(async () => {
  vi.mocked(fs.rename).mockReset();
  vi.mocked(fs.rename).mockImplementation(actualFs.rename);
  await actualFs.rm(dir, { recursive: true, force: true });
});

const now = (): Date => new Date('2026-11-23T03:00:00.000Z');

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  expect(isAlive(child.pid!)).toBe(false);
  return child.pid!;
}

describe('acquireStoreLock takeover race', () => {
  it('a live holder whose lock replaced the stale one keeps it after a second acquire attempt', async () => {
    const db = join(dir, 'history.db');
    const file = lockFileFor(db);
    await actualFs.writeFile(file, JSON.stringify({ pid: deadPid(), hostname: hostname(), startedAt: 'x', token: 'stale' }));
    const live = { pid: process.pid, hostname: hostname(), startedAt: 'y', token: 'live-watcher' };
    // Between the newcomer reading the stale lock and moving it aside, a live watcher takes it over.
    vi.mocked(fs.rename).mockImplementationOnce(async (from, to) => {
      await actualFs.writeFile(from, JSON.stringify(live));
      return actualFs.rename(from, to);
    });

    const attempt = await acquireStoreLock(db, { now });
    expect(attempt.ok).toBe(false);
    if (!attempt.ok) expect(attempt.holder).toMatchObject({ token: 'live-watcher' });
    // The live watcher's lock is back in place, intact.
    expect(JSON.parse(await actualFs.readFile(file, 'utf8'))).toEqual(live);
    expect((await actualFs.readdir(dir)).filter((name) => name.includes('.stale-'))).toEqual([]);
  });
});
