// The scan's outage check: this run's verdict per endpoint, the down streak from the stored samples before it, and the
// core's `endpoint-outage` rule on them. Resolution needs nothing here: a run an endpoint answered observes its place.
import { classify } from '../core/classify.js';
import type { Connector, Finding, SampleOutcome } from '../core/model.js';
import { DEFAULT_OUTAGE_RUNS, downStreak, endpointVerdicts, outageDeltas, verdictOf, type RunVerdict } from '../core/outage.js';
import type { RunScope } from '../store/ports/findings.js';
import type { SampleStore } from '../store/ports/samples.js';
import type { StoredSample } from '../store/tables.js';

/** How far back a down endpoint's streak is counted: far enough for a daily schedule's threshold, cheap for a minute's. */
const LOOKBACK_MS = 14 * 86_400_000;

/** `DRIFTWATCH_OUTAGE_RUNS` (a whole number >= 1), else 2. */
export function outageRuns(env: Readonly<Record<string, string | undefined>>): number {
  const n = Number(env['DRIFTWATCH_OUTAGE_RUNS']);
  return Number.isInteger(n) && n >= 1 ? n : DEFAULT_OUTAGE_RUNS;
}

/** Each run's verdict on one endpoint from its stored samples, newest run first. */
export function runVerdicts(samples: readonly StoredSample[]): RunVerdict[] {
  const runs = new Map<number, { at: string; results: Array<{ ok: boolean; kind: string | null; status: number | null }> }>();
  for (const s of samples) {
    const run = runs.get(s.runId) ?? { at: s.takenAt, results: [] };
    run.results.push({ ok: s.ok, kind: s.errorKind, status: s.status });
    if (s.takenAt > run.at) run.at = s.takenAt;
    runs.set(s.runId, run);
  }
  return [...runs.values()].sort((a, b) => b.at.localeCompare(a.at)).map((r) => verdictOf(r.results));
}

/**
 * Outage findings of one connector for this run (its samples already recorded), and the places it observed: every
 * endpoint a request was made to, so an open outage there resolves when it answered.
 */
export async function judgeOutages(
  connector: Connector,
  outcomes: readonly SampleOutcome[],
  store: Pick<SampleStore, 'listSamples'>,
  now: Date,
  threshold: number,
): Promise<{ changes: Finding[]; observed: RunScope['observed'] }> {
  const current = endpointVerdicts(outcomes);
  const streaks = new Map<string, number>();
  for (const [endpoint, { verdict }] of current) {
    // Only a down endpoint needs its past: the common run (everything answered) reads nothing.
    if (verdict !== 'down') continue;
    const since = new Date(now.getTime() - LOOKBACK_MS).toISOString();
    streaks.set(endpoint, downStreak(runVerdicts(await store.listSamples({ connector: connector.name, endpoint, since }))));
  }
  const observations = outageDeltas(current, streaks, threshold).map(({ endpoint, delta }) => ({ source: 'availability' as const, endpoint, delta }));
  const changes = classify(observations, { connector: connector.name, severity: connector.severity, ignore: connector.ignore, today: now.toISOString().slice(0, 10) });
  const observed = [...current].filter(([, v]) => v.verdict !== 'untried').map(([endpoint]) => ({ connector: connector.name, endpoint, source: 'availability' }));
  return { changes, observed };
}
