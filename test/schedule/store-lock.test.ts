// The exclusive lock file: one watcher per SQLite file, stale locks of dead processes taken over, store location rules.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireStoreLock, isAlive, lockFileFor } from '../../src/schedule/store-lock.js';
import { locateStore } from '../../src/store/open-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'driftwatch-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const now = (): Date => new Date('2026-11-23T03:00:00.000Z');

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  expect(isAlive(child.pid!)).toBe(false);
  return child.pid!;
}

describe('acquireStoreLock', () => {
  it('refuses a second holder while the first lives, and frees the file on release', async () => {
    const db = join(dir, 'history.db');
    const first = await acquireStoreLock(db, { now });
    expect(first.ok).toBe(true);
    const written = JSON.parse(await readFile(lockFileFor(db), 'utf8')) as { pid: number; hostname: string };
    expect(written).toMatchObject({ pid: process.pid, hostname: hostname() });

    const second = await acquireStoreLock(db, { now });
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.message).toContain(`pid ${process.pid}`);

    if (first.ok) {
      expect(await first.lock.stillHeld()).toBe(true);
      await first.lock.release();
    }
    const third = await acquireStoreLock(db, { now });
    expect(third.ok).toBe(true);
    if (third.ok) await third.lock.release();
  });

  it('takes over the lock of a process that died (kill -9 leaves the file behind)', async () => {
    const db = join(dir, 'history.db');
    await writeFile(lockFileFor(db), JSON.stringify({ pid: deadPid(), hostname: hostname(), startedAt: 'x', token: 'old' }));
    const taken = await acquireStoreLock(db, { now });
    expect(taken.ok).toBe(true);
    if (taken.ok) {
      expect(JSON.parse(await readFile(lockFileFor(db), 'utf8'))).toMatchObject({ pid: process.pid, token: taken.lock.holder.token });
      await taken.lock.release();
    }
  });

  it('treats a half-written lock file as stale, but never guesses about another host', async () => {
    const db = join(dir, 'history.db');
    await writeFile(lockFileFor(db), '{"pid": 12');
    const taken = await acquireStoreLock(db, { now });
    expect(taken.ok).toBe(true);
    if (taken.ok) await taken.lock.release();

    await writeFile(lockFileFor(db), JSON.stringify({ pid: deadPid(), hostname: 'some-other-host', startedAt: 'x', token: 't' }));
    const refused = await acquireStoreLock(db, { now });
    expect(refused.ok).toBe(false);
  });

  it('stillHeld turns false when someone removed or replaced the file', async () => {
    const db = join(dir, 'history.db');
    const taken = await acquireStoreLock(db, { now });
    if (!taken.ok) throw new Error('expected the lock');
    await writeFile(lockFileFor(db), JSON.stringify({ pid: process.pid, hostname: hostname(), startedAt: 'x', token: 'someone-else' }));
    expect(await taken.lock.stillHeld()).toBe(false);
    await taken.lock.release();
    // Release never removes a lock that is not ours.
    expect(JSON.parse(await readFile(lockFileFor(db), 'utf8'))).toMatchObject({ token: 'someone-else' });
  });
});

describe('locateStore', () => {
  it('follows --db (from cwd), then DRIFTWATCH_DB (from root), then the default file', () => {
    expect(locateStore('h.db', '/root', '/cwd', {})).toEqual({ kind: 'sqlite', file: '/cwd/h.db' });
    expect(locateStore(undefined, '/root', '/cwd', { DRIFTWATCH_DB: 'x/h.db' })).toEqual({ kind: 'sqlite', file: '/root/x/h.db' });
    expect(locateStore(undefined, '/root', '/cwd', {})).toEqual({ kind: 'sqlite', file: '/root/.driftwatch/history.db' });
    expect(locateStore('postgres://u@h/db', '/root', '/cwd', {})).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
    expect(locateStore(':memory:', '/root', '/cwd', {})).toEqual({ kind: 'memory' });
  });
});
