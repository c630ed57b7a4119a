// Several daemons on one store share the work: node-cron's run coordinator backed by the store's lease rows.
import type { RunCoordinator } from 'node-cron';

import type { LeaseStore } from '../store/ports/leases.js';

/** The store's lease port, all the coordinator needs (tests may pass a smaller fake). */
export type { LeaseStore };

/** node-cron keys a distributed run `<task name>:<slot as toISOString()>`. */
export function parseRunKey(key: string): { task: string; slot: Date } | null {
  const match = /^(.*):(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)$/.exec(key);
  if (!match) return null;
  const slot = new Date(match[2]!);
  return Number.isNaN(slot.getTime()) ? null : { task: match[1]!, slot };
}

function slotLeaseName(task: string): string {
  return `watch-slot:${task}`;
}

export function runningLeaseName(task: string): string {
  return `watch-running:${task}`;
}

export interface CoordinatorEvents {
  elected?(task: string, slot: Date): void;
  declined?(task: string, slot: Date, why: 'taken' | 'late'): void;
}

/**
 * One lease row per task (not per slot, so the table stays small): the holder is `<instance>@<slot>`, valid
 * until `slot + ttl`. The first instance to claim a slot wins it; the others see a live lease held for that slot
 * and stand down. Because ttl is under one schedule period, the row has expired by the next slot, so whichever
 * instance is alive then takes it: a dead instance's connectors move on within one period.
 * An instance that asks after `slot + ttl` (a very late timer) declines: the slot may already have run elsewhere.
 */
export function createLeaseCoordinator(store: LeaseStore, options: { instance: string; now: () => Date; events?: CoordinatorEvents }): RunCoordinator {
  return {
    async shouldRun(key: string, ttlMs: number): Promise<boolean> {
      const parsed = parseRunKey(key);
      if (!parsed) throw new Error(`unexpected run key ${key}`);
      const now = options.now();
      const until = new Date(parsed.slot.getTime() + ttlMs);
      if (now.getTime() >= until.getTime()) {
        options.events?.declined?.(parsed.task, parsed.slot, 'late');
        return false;
      }
      const won = await store.acquireLease(
        slotLeaseName(parsed.task),
        `${options.instance}@${parsed.slot.toISOString()}`,
        until.toISOString(),
        now.toISOString(),
      );
      if (won) options.events?.elected?.(parsed.task, parsed.slot);
      else options.events?.declined?.(parsed.task, parsed.slot, 'taken');
      return won;
    },
    // Deliberately no onComplete release: releasing the slot lease would let a late instance run the same slot again.
  };
}

export interface HeldLease {
  /** False from the start when someone else holds it; then nothing is renewed. */
  readonly held: boolean;
  release(): Promise<void>;
}

/**
 * Holds the lease `name` for this instance, renewed every ttl/3 until released. Used to mark a connector as running
 * (so a run that outlives its period on one instance is not started again on another) and for the exclusive-instance
 * lease. A dead instance's lease lapses after ttl; `onLost` fires when a renewal fails or someone else took it.
 */
export async function holdLease(
  store: LeaseStore,
  name: string,
  options: { instance: string; now: () => Date; ttlMs: number; onLost?: () => void },
): Promise<HeldLease> {
  const take = (): Promise<boolean> => {
    const now = options.now();
    return store.acquireLease(name, options.instance, new Date(now.getTime() + options.ttlMs).toISOString(), now.toISOString());
  };
  if (!(await take())) return { held: false, release: async () => {} };
  let released = false;
  const timer = setInterval(() => {
    take().then(
      (ok) => {
        if (!ok && !released) options.onLost?.();
      },
      () => {
        if (!released) options.onLost?.();
      },
    );
  }, Math.max(50, Math.floor(options.ttlMs / 3)));
  timer.unref();
  return {
    held: true,
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      await store.releaseLease(name, options.instance);
    },
  };
}
