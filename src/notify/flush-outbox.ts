// Flushes the outbox: claims due messages, delivers each (paced per webhook), marks it delivered or reschedules it.
import type { OutboxStore } from '../store/ports/outbox.js';
import type { OutboxMessage } from '../store/tables.js';
import { deliver, parseTarget, type DeliverOptions, type DeliveryResult } from './deliver.js';

export interface FlushOptions {
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  timeoutMs?: number;
  /** First retry delay; doubles per attempt up to maxDelayMs, with jitter. Retry-After wins when longer. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long a claim keeps other flushers away (a crash mid-delivery retries after it). */
  leaseMs?: number;
  /** Wait in-process for retries falling due within this budget (0: leave them for the next flush). */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** 0..1, for the jitter (tests pin it). */
  random?: () => number;
  fetch?: DeliverOptions['fetch'];
  /** Messages per claim. */
  batch?: number;
  /** Least time between two deliveries to one webhook (Slack allows 1 message per second per webhook). Default 1000. */
  paceMs?: number;
}

export interface FlushFailure {
  id: number;
  key: string;
  connector: string;
  target: string;
  attempts: number;
  error: string;
  nextAttemptAt: string;
}

export interface FlushReport {
  delivered: Array<{ id: number; key: string; connector: string; target: string }>;
  /** The last failure of each message still pending after this flush. */
  failed: FlushFailure[];
  /** Messages still undelivered after the flush (including ones not due yet). */
  pending: number;
}

export const DEFAULT_BASE_DELAY_MS = 30_000;
export const DEFAULT_MAX_DELAY_MS = 3_600_000;
export const DEFAULT_LEASE_MS = 60_000;
export const DEFAULT_PACE_MS = 1_000;

/** Backoff before attempt `attempts + 1`: exponential with equal jitter, never sooner than Retry-After. */
export function retryDelayMs(attempts: number, result: Extract<DeliveryResult, { ok: false }>, options: Pick<FlushOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const base = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const max = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const exp = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
  const jittered = exp / 2 + (options.random ?? Math.random)() * (exp / 2);
  return Math.max(Math.round(jittered), result.retryAfterMs ?? 0);
}

/** Never throws on a delivery failure: failures are rescheduled in the outbox and reported. */
export async function flushOutbox(store: OutboxStore, options: FlushOptions): Promise<FlushReport> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const lease = options.leaseMs ?? DEFAULT_LEASE_MS;
  const deadline = options.now().getTime() + (options.maxWaitMs ?? 0);
  const delivered: FlushReport['delivered'] = [];
  const failed = new Map<number, FlushFailure>();
  const pace = options.paceMs ?? DEFAULT_PACE_MS;
  /** When each webhook (a target) was last posted to in this flush: the next post to it waits its turn. */
  const lastPost = new Map<string, number>();

  for (;;) {
    const now = options.now();
    const claimed = await store.claimDue(now.toISOString(), new Date(now.getTime() + lease).toISOString(), options.batch ?? 50);
    const leaseEnd = now.getTime() + lease;
    for (const message of claimed) {
      const paced = parseTarget(message.target)?.kind !== 'pagerduty';
      const previous = lastPost.get(message.target);
      if (paced && previous !== undefined) {
        const wait = previous + pace - options.now().getTime();
        // Queued, never dropped: past its claim, a message is left for the next claim (the lease runs out first).
        if (options.now().getTime() + Math.max(0, wait) >= leaseEnd) continue;
        if (wait > 0) await sleep(wait);
      }
      const at = options.now();
      if (paced) lastPost.set(message.target, at.getTime());
      const result = await deliver(message, { env: options.env, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}), ...(options.fetch ? { fetch: options.fetch } : {}) }, at);
      if (result.ok) {
        await store.markDelivered(message.id, options.now().toISOString());
        delivered.push(pick(message));
        failed.delete(message.id);
        continue;
      }
      const next = new Date(options.now().getTime() + retryDelayMs(message.attempts, result, options)).toISOString();
      await store.markFailed(message.id, result.error, next);
      failed.set(message.id, { ...pick(message), attempts: message.attempts, error: result.error, nextAttemptAt: next });
    }
    if (claimed.length === (options.batch ?? 50)) continue;
    // Retries that fall due within the wait budget are worth waiting for: the run's message goes out with the run.
    const pending = await store.listOutbox({ pending: true });
    const soonest = pending.reduce((min, m) => Math.min(min, Date.parse(m.nextAttemptAt)), Number.POSITIVE_INFINITY);
    if (pending.length === 0 || !Number.isFinite(soonest) || soonest > deadline) break;
    const wait = soonest - options.now().getTime();
    // Due now yet nothing was claimable: another flusher holds it; leave it to them.
    if (wait <= 0 && claimed.length === 0) break;
    if (wait > 0) await sleep(wait);
  }

  const pending = await store.listOutbox({ pending: true });
  const stillPending = new Set(pending.map((m) => m.id));
  return { delivered, failed: [...failed.values()].filter((f) => stillPending.has(f.id)), pending: pending.length };
}

function pick(message: OutboxMessage): { id: number; key: string; connector: string; target: string } {
  return { id: message.id, key: message.key, connector: message.connector, target: message.target };
}
