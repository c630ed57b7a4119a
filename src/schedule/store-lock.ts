// Where the daemon's store lives, and the exclusive lock file that keeps a second daemon off the same SQLite file.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { open, readFile, rename, unlink } from 'node:fs/promises';

export interface LockHolder {
  pid: number;
  hostname: string;
  startedAt: string;
  token: string;
}

export interface StoreLock {
  file: string;
  holder: LockHolder;
  /** True while the lock file still names this process (someone may have removed it by hand). */
  stillHeld(): Promise<boolean>;
  release(): Promise<void>;
}

export type LockResult = { ok: true; lock: StoreLock } | { ok: false; file: string; holder: LockHolder | null; message: string };

/** `<db file>.watch.lock`: next to the database, so every daemon pointed at the same file finds it. */
export function lockFileFor(dbFile: string): string {
  return `${dbFile}.watch.lock`;
}

/**
 * Takes the exclusive lock for a SQLite file: creates the lock file with O_EXCL and our pid. A lock whose
 * process is gone (same host, pid not alive) is stale and taken over; a live one refuses, as a value.
 */
export async function acquireStoreLock(dbFile: string, options: { now: () => Date; pid?: number } = { now: () => new Date() }): Promise<LockResult> {
  const file = lockFileFor(dbFile);
  const holder: LockHolder = {
    pid: options.pid ?? process.pid,
    hostname: hostname(),
    startedAt: options.now().toISOString(),
    token: randomUUID(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createExclusive(file, holder)) return { ok: true, lock: lockHandle(file, holder) };
    const existing = await readHolder(file);
    if (existing === 'missing') continue;
    if (existing !== null && !isStale(existing)) {
      return {
        ok: false,
        file,
        holder: existing,
        message: `another driftwatch watch (pid ${existing.pid} on ${existing.hostname}, since ${existing.startedAt}) holds ${file}`,
      };
    }
    // Stale or unreadable: move it aside under a unique name (atomic), so two newcomers cannot both delete
    // the fresh lock of whichever of them won; then try to create ours again.
    const aside = `${file}.stale-${holder.token}`;
    try {
      await rename(file, aside);
      const moved = await readHolder(aside).catch(() => null);
      if (moved !== 'missing' && moved !== null && !isStale(moved)) {
        // We moved a live lock that replaced the stale one meanwhile: put it back untouched and refuse.
        await rename(aside, file).catch(() => {});
        return { ok: false, file, holder: moved, message: `another driftwatch watch (pid ${moved.pid}) just took ${file}` };
      }
      // Only a lock that is stale (or unreadable) is ever removed.
      await unlink(aside).catch(() => {});
    } catch {
      // Someone else moved it first: loop and try to create.
    }
  }
  return { ok: false, file, holder: null, message: `could not take the lock ${file} (it keeps changing)` };
}

async function createExclusive(file: string, holder: LockHolder): Promise<boolean> {
  try {
    const handle = await open(file, 'wx', 0o644);
    try {
      await handle.writeFile(`${JSON.stringify(holder)}\n`, 'utf8');
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function readHolder(file: string): Promise<LockHolder | null | 'missing'> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number' && typeof parsed.hostname === 'string' && typeof parsed.token === 'string') {
      return { pid: parsed.pid, hostname: parsed.hostname, startedAt: String(parsed.startedAt ?? ''), token: parsed.token };
    }
  } catch {
    // A half-written lock file (the writer died between open and write) is treated as stale.
  }
  return null;
}

/** Stale when written on this host by a process that no longer exists. Another host's lock is never guessed stale. */
function isStale(holder: LockHolder): boolean {
  if (holder.hostname !== hostname()) return false;
  return !isAlive(holder.pid);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockHandle(file: string, holder: LockHolder): StoreLock {
  let released = false;
  const stillHeld = async (): Promise<boolean> => {
    const current = await readHolder(file).catch(() => null);
    return current !== null && current !== 'missing' && current.token === holder.token;
  };
  return {
    file,
    holder,
    stillHeld,
    async release() {
      if (released) return;
      released = true;
      if (await stillHeld()) await unlink(file).catch(() => {});
    },
  };
}
