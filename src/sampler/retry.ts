// Retry policy helpers, pure: which answers are worth another try, backoff with full jitter.
import { parseRetryAfter } from '../core/retry-after.js';

export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Returns [0, 1); injectable so tests are deterministic. */
  random: () => number;
}

/** 429 and 5xx are the vendor saying "not now"; other statuses will not change on a retry. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/**
 * Full jitter (AWS architecture blog): a uniform delay in [0, min(max, base * 2^(attempt-1))), so many clients
 * retrying at once spread out instead of hammering the vendor in lockstep. `attempt` is the one that failed (1-based).
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(options.random() * ceiling);
}

/** The wait before the next attempt: the vendor's Retry-After (capped) when it gave one, else jittered backoff. */
export function retryDelay(
  attempt: number,
  retryAfter: string | undefined,
  options: BackoffOptions & { retryAfterCapMs: number; now: Date },
): number {
  const asked = parseRetryAfter(retryAfter, options.now);
  if (asked !== undefined) return Math.min(asked, options.retryAfterCapMs);
  return backoffDelay(attempt, options);
}
