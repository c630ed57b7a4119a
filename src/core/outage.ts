// Outages: an endpoint whose requests all failed the way a down vendor fails, several runs in a row, or whose circuit
// opened, as `endpoint-down` deltas. Pure: the runs before this one come in as verdicts, newest first.
import type { EndpointDown } from './deltas.js';
import type { SampleOutcome } from './model.js';

/** What one run learned of an endpoint: it answered, it was down, its circuit was open, or nothing was asked of it. */
export type RunVerdict = 'up' | 'down' | 'circuit' | 'untried';

/** Failures where no request reached the vendor (an unset env var, a bad config, an open circuit): not its downtime. */
export const NOT_REQUESTED: ReadonlySet<string> = new Set(['config', 'auth-missing', 'circuit-open']);
/** Failures that say the vendor could not be used; an HTTP status counts when it is a 5xx (a 404 is an answer). */
const DOWN: ReadonlySet<string> = new Set(['timeout', 'connection', 'tls', 'http-status', 'vendor-error']);

export const DEFAULT_OUTAGE_RUNS = 2;

/** One request's result, from a live outcome or a stored sample. */
export interface RequestResult {
  ok: boolean;
  kind: string | null;
  status?: number | null;
}

function isDown(r: RequestResult): boolean {
  if (r.ok || r.kind === null || !DOWN.has(r.kind)) return false;
  return r.kind !== 'http-status' || r.status === undefined || r.status === null || r.status >= 500;
}

/** A run's verdict on an endpoint from its requests: any answer is up; only down-like failures are down. */
export function verdictOf(results: readonly RequestResult[]): RunVerdict {
  if (results.some((r) => r.ok)) return 'up';
  if (results.some((r) => r.kind === 'circuit-open')) return 'circuit';
  if (results.some(isDown)) return 'down';
  return 'untried';
}

/** This run's verdict per endpoint, with the last failure's words for the message. */
export function endpointVerdicts(outcomes: readonly SampleOutcome[]): Map<string, { verdict: RunVerdict; failure: string }> {
  const by = new Map<string, RequestResult[]>();
  const last = new Map<string, string>();
  for (const o of outcomes) {
    const endpoint = o.ok ? o.sample.endpoint : o.failure.endpoint;
    const list = by.get(endpoint) ?? [];
    list.push(o.ok ? { ok: true, kind: null } : { ok: false, kind: o.failure.kind, status: o.failure.status ?? null });
    by.set(endpoint, list);
    if (!o.ok) last.set(endpoint, o.failure.status ? `${o.failure.kind} (HTTP ${o.failure.status})` : o.failure.kind);
  }
  return new Map([...by].map(([endpoint, results]) => [endpoint, { verdict: verdictOf(results), failure: last.get(endpoint) ?? 'failed' }]));
}

/** Down runs in a row, newest first, until a run that answered; runs that asked nothing neither count nor break it. */
export function downStreak(verdicts: readonly RunVerdict[]): number {
  let streak = 0;
  for (const v of verdicts) {
    if (v === 'up') break;
    if (v === 'down' || v === 'circuit') streak++;
  }
  return streak;
}

/**
 * An `endpoint-down` delta for each endpoint down this run (its streak counted from `history`, this run included) or
 * behind an open circuit. The rule decides whether the streak is an outage yet.
 */
export function outageDeltas(
  current: ReadonlyMap<string, { verdict: RunVerdict; failure: string }>,
  streaks: ReadonlyMap<string, number>,
  threshold: number,
): Array<{ endpoint: string; delta: EndpointDown }> {
  const out: Array<{ endpoint: string; delta: EndpointDown }> = [];
  for (const [endpoint, { verdict, failure }] of current) {
    if (verdict !== 'down' && verdict !== 'circuit') continue;
    out.push({
      endpoint,
      delta: { kind: 'endpoint-down', location: 'availability', path: 'availability', after: 'down', runs: Math.max(1, streaks.get(endpoint) ?? 1), threshold, circuit: verdict === 'circuit', failure },
    });
  }
  return out;
}
