// The daemon's hold on its store: the SQLite lock file, the PostgreSQL exclusive lease, or nothing in shared mode, behind one interface.
import { DriftwatchError } from '../errors.js';
import type { StoreLocation } from '../store/open-store.js';
import type { Cancel, Clock } from './clock.js';
import { holdLease, type LeaseStore } from './lease-coordinator.js';
import { acquireStoreLock } from './store-lock.js';

export type WatchMode = 'exclusive' | 'shared';

export interface ExclusivityGuard {
  /** What is held, for logs: the lock file, the lease, or `shared` (nothing). */
  readonly holds: string;
  /** False once the lock file was removed or replaced, or the lease was lost. */
  stillHeld(): Promise<boolean>;
  /** Stops watching and gives the store back. Idempotent, never throws. */
  release(): Promise<void>;
}

export interface GuardOptions {
  mode: WatchMode;
  location: StoreLocation;
  leases: LeaseStore;
  instance: string;
  clock: Clock;
  /** Called once when the hold is lost while running: the daemon stops so two watchers never share the store. */
  onLost(why: string): void;
  /** How often the lock file is checked. Default 10 s. */
  checkEveryMs?: number;
  /** Lifetime of the exclusive lease, renewed every third of it. Default 30 s. */
  leaseTtlMs?: number;
}

export const EXCLUSIVE_LEASE = 'watch-exclusive';

/** The default mode: PostgreSQL is made for several watchers, a SQLite file for one. */
export function defaultMode(location: StoreLocation): WatchMode {
  return location.kind === 'postgres' ? 'shared' : 'exclusive';
}

/** Takes the store for this daemon, or throws STORE_LOCKED (as a value the CLI maps to exit 3) when another holds it. */
export async function takeExclusivity(options: GuardOptions): Promise<ExclusivityGuard> {
  const { location, clock } = options;
  let lostOnce = false;
  const lost = (why: string): void => {
    if (lostOnce) return;
    lostOnce = true;
    options.onLost(why);
  };

  if (options.mode === 'exclusive' && location.kind === 'sqlite') {
    const taken = await acquireStoreLock(location.file, { now: () => clock.now() });
    if (!taken.ok) throw new DriftwatchError('STORE_LOCKED', `${taken.message}: refusing to start a second watcher on the same store`);
    const lock = taken.lock;
    const cancel: Cancel = clock.every(options.checkEveryMs ?? 10_000, () => {
      void lock.stillHeld().then((ok) => {
        if (!ok) lost(`the lock file ${lock.file} was removed or replaced`);
      });
    });
    return {
      holds: lock.file,
      stillHeld: () => lock.stillHeld(),
      async release() {
        cancel();
        await lock.release().catch(() => {});
      },
    };
  }

  if (options.mode === 'exclusive' && location.kind === 'postgres') {
    let held = true;
    const lease = await holdLease(options.leases, EXCLUSIVE_LEASE, {
      instance: options.instance,
      now: () => clock.now(),
      ttlMs: options.leaseTtlMs ?? 30_000,
      onLost: () => {
        held = false;
        lost('the exclusive lease was lost');
      },
    });
    if (!lease.held) {
      throw new DriftwatchError('STORE_LOCKED', 'another driftwatch watch holds this PostgreSQL store in exclusive mode: refusing to start (use shared mode to run several)');
    }
    return {
      holds: `lease ${EXCLUSIVE_LEASE}`,
      stillHeld: async () => held,
      release: () => lease.release().catch(() => {}),
    };
  }

  // Shared mode (each run coordinated through leases instead) or a private in-memory store: nothing to hold.
  return { holds: options.mode === 'shared' ? 'nothing (shared mode)' : 'nothing (a private in-memory store)', stillHeld: async () => true, release: async () => {} };
}
