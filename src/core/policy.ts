// The evidence policy: when what a run saw is improbable enough under what was learned to be called a change, and how a
// finding's one severity is decided. Every number docs/evidence.md quotes lives here; rules read it, nobody copies it.
import type { PresenceEvidence } from './deltas.js';
import type { Severity } from './model.js';

export const evidencePolicy = {
  /**
   * A change is reported only when what this run saw would happen by chance at most this often, given every earlier
   * observation (a uniform prior on the rate: after 20 of 20, 3 absences in a row are needed; after 5 of 5, 7).
   */
  maxChance: 0.001,
  /** A property is called removed or optional only when it looked required: present in at least this share. */
  minPresence: 0.95,
  /**
   * A reported novelty (nulls, a new value, strings off their format) is over when a run sees none of it although,
   * at the rate seen so far, it would show at least once with this chance or more (a reverted release resolves at
   * once; a rare value that skipped one small run stays reported: open needs strong evidence, closing some).
   */
  stopChance: 0.02,
  /**
   * An object with more distinct keys than this is a dictionary keyed by data (ids, dates, SKUs), not a record with
   * fields: its values are judged as one shape, and a new key is no news (real records stay far below: GitHub's
   * repository has about 90 fields).
   */
  mapKeys: 1000,
  /** A string field's values are a closed set (so a new value is news) only with this much evidence. */
  valueSet: {
    minObservations: 20,
    maxDistinct: 12,
    /**
     * Each value seen this many times on average: ids, names and free text never repeat like this, and a set seen this
     * well is unlikely to hide a value of its own that merely did not show yet.
     */
    minRepeats: 10,
    /** Longer values are free text, not codes. */
    maxLength: 64,
  },
} as const;

/** Severities worst first, and the one rank every sort and comparison uses. */
const RANK: Readonly<Record<Severity, number>> = { breaking: 0, warning: 1, info: 2 };

/** Negative when `a` is worse for the consumer than `b`. */
export function compareSeverity(a: Severity, b: Severity): number {
  return RANK[a] - RANK[b];
}

export function worstSeverity(list: readonly Severity[]): Severity {
  return list.reduce<Severity>((worst, s) => (compareSeverity(s, worst) < 0 ? s : worst), 'info');
}

// ---------------------------------------------------------------------------------------------
// Chances under a uniform (Beta(1,1)) prior on the rate of the unusual outcome.

/** log Γ(x) for x > 0 (Lanczos, g = 7): accurate to ~15 digits, enough for tail sums. */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/**
 * The chance of at least `k` unusual outcomes in `m` new trials, when `usual` of `trials` earlier ones were usual:
 * the beta-binomial tail with the unusual rate ~ Beta(trials - usual + 1, usual + 1). Bounded: the sum stops once
 * its terms no longer matter, so a list of 100k objects costs no more than it must.
 */
export function chanceOfAtLeast(k: number, m: number, usual: number, trials: number): number {
  if (k <= 0) return 1;
  if (k > m) return 0;
  const alpha = trials - usual + 1;
  const beta = usual + 1;
  const logChoose = (n: number, r: number): number => logGamma(n + 1) - logGamma(r + 1) - logGamma(n - r + 1);
  let logPmf = logChoose(m, k) + logBeta(k + alpha, m - k + beta) - logBeta(alpha, beta);
  let sum = 0;
  for (let j = k; j <= m; j++) {
    const term = Math.exp(logPmf);
    sum += term;
    if (term < sum * 1e-12) break;
    // pmf(j+1) / pmf(j) = (m-j)/(j+1) * (j+alpha)/(m-j-1+beta)
    logPmf += Math.log(m - j) - Math.log(j + 1) + Math.log(j + alpha) - Math.log(m - j - 1 + beta);
  }
  return Math.min(1, sum);
}

/** The chance that a property learned as `present` of `seen` is missing as often as it is now. */
export function chanceOfAbsence(e: PresenceEvidence): number {
  // Missing from every object since it was last seen: the whole streak is the new evidence.
  if (e.absentNow === e.seenNow) return chanceOfAtLeast(e.absent, e.absent, e.present, e.seen);
  return chanceOfAtLeast(e.absentNow, e.seenNow, e.present, e.seen);
}

/** Whether a property's absence is a change: it looked required and the absence is improbable. */
export function absenceIsChange(e: PresenceEvidence): boolean {
  if (e.seen === 0 || e.present / e.seen < evidencePolicy.minPresence) return false;
  return chanceOfAbsence(e) <= evidencePolicy.maxChance;
}

/**
 * Whether a novelty seen `novel` times in `seen` observations has stopped: none of it in the `quiet` observations
 * since, although at its rate until then (~ Beta(novel + 1, seen - novel + 1)) it would have shown with
 * `1 - stopChance` or more.
 */
export function noveltyStopped(novel: number, seen: number, quiet: number): boolean {
  if (novel <= 0) return true;
  const alpha = novel + 1;
  const beta = Math.max(0, seen - novel) + 1;
  // Beta-binomial P(none of quiet): B(alpha, beta + quiet) / B(alpha, beta).
  const noneChance = Math.exp(logBeta(alpha, beta + quiet) - logBeta(alpha, beta));
  return noneChance <= evidencePolicy.stopChance;
}

/** Whether `unusualNow` of `seenNow` is a change after `seenBefore` observations without one (nulls, new formats). */
export function noveltyIsChange(seenBefore: number, unusualNow: number, seenNow: number): boolean {
  return chanceOfAtLeast(unusualNow, seenNow, seenBefore, seenBefore) <= evidencePolicy.maxChance;
}

/**
 * Whether a value never seen is news: the known values were a closed set (many observations, few distinct short
 * values, each repeated), and the new values came more often than chance allows after that many observations without
 * them (a rare value the accept happened to miss shows once and is learned).
 */
export function newValueIsChange(e: { observations: number; distinct: number; longest: number; format?: string; newNow: number; seenNow: number }): boolean {
  return isClosedValueSet(e) && noveltyIsChange(e.observations, e.newNow, e.seenNow);
}

/** Whether observed string values are a closed set: many observations, few distinct short values, each repeated. */
export function isClosedValueSet(e: { observations: number; distinct: number; longest: number; format?: string }): boolean {
  const p = evidencePolicy.valueSet;
  return (
    e.format === undefined &&
    e.observations >= p.minObservations &&
    e.distinct > 0 &&
    e.distinct <= p.maxDistinct &&
    e.observations >= p.minRepeats * e.distinct &&
    e.longest <= p.maxLength
  );
}
