// The benchmarks `npm run bench` runs, one import line each.
import type { Benchmark } from './bench.js';
import { coreBenchmark } from './core.bench.js';

export const benchmarks: readonly Benchmark[] = [
  coreBenchmark,
];
