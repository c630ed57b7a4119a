// Nearest-rank percentiles, plain and weighted: the report's latency figures and the store's daily rows share them.

/** Nearest-rank percentile of `values` (p in 0..1); null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1]!;
}

export interface WeightedValue {
  value: number;
  weight: number;
}

/** Nearest-rank percentile over weighted values: the smallest value whose cumulative weight reaches p of the total. */
export function weightedPercentile(points: readonly WeightedValue[], p: number): number | null {
  const kept = points.filter((x) => x.weight > 0).sort((a, b) => a.value - b.value);
  const total = kept.reduce((sum, x) => sum + x.weight, 0);
  if (total === 0) return null;
  // A tiny tolerance: weights such as 0.5 * n add up with rounding error.
  const target = p * total - 1e-9 * total;
  let seen = 0;
  for (const x of kept) {
    seen += x.weight;
    if (seen >= target) return x.value;
  }
  return kept.at(-1)!.value;
}

/**
 * A day folded to its p50 and p95 stands for its `count` answered samples as half at p50 and half at p95: alone it
 * gives back exactly its own p50 and p95; mixed with other days and raw samples it weighs what it stood for.
 */
export function dayAsPoints(count: number, p50: number | null, p95: number | null): WeightedValue[] {
  if (count === 0 || p50 === null || p95 === null) return [];
  return [
    { value: p50, weight: count / 2 },
    { value: p95, weight: count / 2 },
  ];
}
