// The benchmarks `npm run bench` runs, one import line each.
import type { Benchmark } from './bench.js';
import { coreBenchmark } from './core.bench.js';
import { watchBenchmark } from './watch.bench.js';
import { historyBenchmark } from './history.bench.js';
import { historyCliBenchmark } from './history-cli.bench.js';
import { openapiBenchmark } from './openapi.bench.js';
import { specLoadBenchmark } from './spec-load.bench.js';
import { learningBenchmark } from './learning.bench.js';
import { compareBenchmark } from './compare.bench.js';
import { receiveBenchmark } from './receive.bench.js';

export const benchmarks: readonly Benchmark[] = [
  coreBenchmark,
  watchBenchmark,
  historyBenchmark,
  historyCliBenchmark,
  openapiBenchmark,
  specLoadBenchmark,
  learningBenchmark,
  compareBenchmark,
  receiveBenchmark,
];
