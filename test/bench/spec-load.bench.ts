// Spec loading next to swagger-parser's `dereference` of the same file (GitHub's 13 MB spec, @octokit/openapi 23.0.2):
// cold (structure checked, nothing cached), a new CLI process's warm load (memory empty, the verdict read from the
// store folder's spec cache) and the watch daemon's (same process, same version).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadSpec } from '../../src/openapi/load-spec.js';
import { clearSpecMemory } from '../../src/openapi/spec-cache.js';
import { specWorkSnapshot } from '../../src/openapi/spec-work.js';
import { median, type Benchmark } from './bench.js';

const require = createRequire(import.meta.url);
const ROUNDS = 3;
const GOAL_COLD = 1.5;
const GOAL_WARM_MS = 5;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export const specLoadBenchmark: Benchmark = {
  name: 'spec load: GitHub spec cold, warm from the store folder, warm in memory, vs swagger-parser dereference',
  async run(print) {
    const file = join(dirname(require.resolve('github-spec-new/package.json')), 'generated', 'api.github.com.json');
    const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
    const load = async (cacheDir: string): Promise<void> => {
      const result = await loadSpec(file, { baseDir: dirname(file), cacheDir, trustLocation: true });
      if (!result.ok) throw new Error(result.problem.message);
    };
    const anchor: number[] = [];
    const cold: number[] = [];
    const disk: number[] = [];
    const memory: number[] = [];
    let work = specWorkSnapshot();
    for (let round = 0; round < ROUNDS; round++) {
      anchor.push(await timed(() => SwaggerParser.dereference(file)));
      const cacheDir = mkdtempSync(join(tmpdir(), 'driftwatch-spec-bench-'));
      try {
        clearSpecMemory();
        cold.push(await timed(() => load(cacheDir)));
        clearSpecMemory();
        const before = specWorkSnapshot();
        disk.push(await timed(() => load(cacheDir)));
        memory.push(await timed(() => load(cacheDir)));
        const after = specWorkSnapshot();
        work = { validations: after.validations - before.validations, conversions: after.conversions - before.conversions, compiles: after.compiles - before.compiles };
      } finally {
        rmSync(cacheDir, { recursive: true, force: true });
      }
    }
    const a = median(anchor);
    print(`swagger-parser dereference (the anchor), median of ${ROUNDS}: ${a.toFixed(0)} ms`);
    print(`loadSpec cold (structure validated, nothing cached): ${median(cold).toFixed(0)} ms, ratio ${(median(cold) / a).toFixed(2)}  (aim: <= ${GOAL_COLD})`);
    print(`loadSpec warm, a new process (memory empty, spec cache on disk): ${median(disk).toFixed(0)} ms, ratio ${(median(disk) / a).toFixed(2)}`);
    print(`loadSpec warm, same process (watch): ${median(memory).toFixed(1)} ms, ratio ${(median(memory) / a).toFixed(3)}  (aim: <= ${GOAL_WARM_MS} ms per run)`);
    print(`spec work in the two warm loads: ${work.validations} validations, ${work.conversions} conversions, ${work.compiles} compiles`);
  },
};
