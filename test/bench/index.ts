// The benchmarks `npm run bench` runs, one import line each.
import type { Benchmark } from './bench.js';

export const benchmarks: readonly Benchmark[] = [
];
