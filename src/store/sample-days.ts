// Pure retention arithmetic: one UTC day of an endpoint's samples folded into the daily row the report reads.
import { dayAsPoints, percentile, weightedPercentile } from '../core/percentile.js';
import type { SampleDay } from './tables.js';

export interface SampleFact {
  connector: string;
  endpoint: string;
  ok: boolean;
  errorKind: string | null;
  latencyMs: number;
}

const DAY_MS = 86_400_000;

/** The UTC day (YYYY-MM-DD) of an ISO time. */
export function dayOf(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

/** The ISO start of the day after `day`. */
export function nextDayStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS).toISOString();
}

/** The day's rows, one per endpoint; a row already kept for the same day (late samples) is merged in. */
export function foldDay(day: string, samples: readonly SampleFact[], previous: readonly SampleDay[] = []): SampleDay[] {
  const groups = new Map<string, SampleFact[]>();
  for (const s of samples) {
    const key = JSON.stringify([s.connector, s.endpoint]);
    const list = groups.get(key);
    if (list) list.push(s);
    else groups.set(key, [s]);
  }
  const before = new Map(previous.map((p) => [JSON.stringify([p.connector, p.endpoint]), p]));
  const out: SampleDay[] = [];
  for (const [key, list] of groups) {
    const latencies = list.filter((s) => s.ok).map((s) => s.latencyMs);
    const failures: Record<string, number> = {};
    for (const s of list) if (!s.ok) failures[s.errorKind ?? 'failed'] = (failures[s.errorKind ?? 'failed'] ?? 0) + 1;
    let row: SampleDay = {
      connector: list[0]!.connector,
      endpoint: list[0]!.endpoint,
      day,
      samples: list.length,
      ok: latencies.length,
      failures,
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
    };
    const old = before.get(key);
    if (old) row = mergeDays(old, row);
    out.push(row);
  }
  return out;
}

function mergeDays(a: SampleDay, b: SampleDay): SampleDay {
  const failures = { ...a.failures };
  for (const [kind, n] of Object.entries(b.failures)) failures[kind] = (failures[kind] ?? 0) + n;
  const points = [...dayAsPoints(a.ok, a.p50, a.p95), ...dayAsPoints(b.ok, b.p50, b.p95)];
  return {
    ...a,
    samples: a.samples + b.samples,
    ok: a.ok + b.ok,
    failures,
    p50: weightedPercentile(points, 0.5),
    p95: weightedPercentile(points, 0.95),
  };
}
