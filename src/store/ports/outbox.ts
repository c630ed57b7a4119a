// The outbox port: notifications written with the findings they tell of, delivered (and retried) later.
import type { OutboxMessage } from '../tables.js';

/** A message to add: `fingerprints` names the findings it tells of (their stories get `notified` on delivery). */
export type OutboxDraft = Omit<OutboxMessage, 'id' | 'attempts' | 'deliveredAt' | 'lastError'> & { fingerprints?: readonly string[] };

export interface OutboxStore {
  /** Adds a message unless one with the same key exists; true when added. */
  enqueue(message: OutboxDraft): Promise<boolean>;
  /**
   * Atomically claims pending messages due at `at` (oldest first) by pushing their next attempt to
   * `leaseUntil`: two processes flushing at once never deliver the same message twice.
   * Each claim counts as a delivery attempt: the messages come back with `attempts` already
   * incremented (1 on the first try). Default limit 50.
   */
  claimDue(at: string, leaseUntil: string, limit?: number): Promise<OutboxMessage[]>;
  /** Marks it delivered and adds `notified` to the story of each finding it told of, in one transaction. */
  markDelivered(id: number, at: string): Promise<void>;
  /** Keeps the message pending until `nextAttemptAt`; URLs in `error` are cut to their host before storing. */
  markFailed(id: number, error: string, nextAttemptAt: string): Promise<void>;
  listOutbox(filter?: { pending?: boolean }): Promise<OutboxMessage[]>;
}
