// OpenAPI benchmarks: whole-spec diff of two GitHub versions; ajv response validation throughput next to JSON.parse.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { sample } from 'openapi-sampler';
import { diffSpecs, type SpecDiffResult } from '../../src/openapi/diff-specs.js';
import { listOperations } from '../../src/openapi/operations.js';
import { createResponseValidator } from '../../src/openapi/response-validator.js';
import type { OpenApiDocument } from '../../src/openapi/types.js';
import { median, type Benchmark } from './bench.js';

const require = createRequire(import.meta.url);
const specFile = (pkg: string): string => join(dirname(require.resolve(`${pkg}/package.json`)), 'generated', 'api.github.com.json');

/** Runs `fn` repeatedly for about `ms` milliseconds; returns calls per second. */
function throughput(fn: () => void, ms = 1500): number {
  for (let i = 0; i < 20; i++) fn();
  let calls = 0;
  const started = performance.now();
  while (performance.now() - started < ms) {
    fn();
    calls++;
  }
  return calls / ((performance.now() - started) / 1000);
}

export const openapiBenchmark: Benchmark = {
  name: 'OpenAPI: GitHub spec diff and response validation',
  async run(print) {
    const oldText = readFileSync(specFile('github-spec-old'), 'utf8');
    const newText = readFileSync(specFile('github-spec-new'), 'utf8');
    const times: number[] = [];
    const parses: number[] = [];
    let result!: SpecDiffResult;
    let newDoc: OpenApiDocument = {};
    for (let i = 0; i < 3; i++) {
      // Freshly parsed documents each time: the walk memoises per document object, a second diff of the same objects
      // would measure the memo.
      let started = performance.now();
      const oldDoc = JSON.parse(oldText) as OpenApiDocument;
      newDoc = JSON.parse(newText) as OpenApiDocument;
      parses.push(performance.now() - started);
      started = performance.now();
      result = await diffSpecs(oldDoc, newDoc, { now: new Date() });
      times.push(performance.now() - started);
    }
    const s = result.summary;
    print(`whole-spec diff in process, @octokit/openapi 22.0.0 -> 23.0.2 (${result.operations.before} -> ${result.operations.after} operations, parsed): ${median(times).toFixed(0)} ms median of 3 (JSON.parse of both: ${median(parses).toFixed(0)} ms; diff/parse = ${(median(times) / median(parses)).toFixed(2)})`);
    print(`  findings: ${result.changes.length} (${s.breaking} breaking, ${s.warning} warning, ${s.info} info); json-schema-diff cross-checks: ${result.crossCheck.ran} ran, ${result.crossCheck.skipped} skipped, ${result.crossCheck.timedOut} timed out; not judged: ${result.notJudged.length}`);
    const byRule = new Map<string, number>();
    for (const c of result.changes) byRule.set(c.rule, (byRule.get(c.rule) ?? 0) + 1);
    print(`  by rule: ${[...byRule].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(', ')}`);

    // A large real response: one page of 100 pull requests (GET /repos/{owner}/{repo}/pulls), sampled from the spec.
    const spec = { source: 'github', version: 'openapi-3.0' as const, document: newDoc };
    const op = listOperations(newDoc).find((o) => o.key === 'GET /repos/{owner}/{repo}/pulls')!;
    const validator = createResponseValidator(spec);
    const schema = validator.view(op).responses['200']!.content['application/json']!.schema;
    const item = (sample(schema as never, { skipWriteOnly: true, quiet: true }, newDoc) as unknown[])[0];
    const text = JSON.stringify(Array.from({ length: 100 }, () => item));
    const body: unknown = JSON.parse(text);
    const mb = Buffer.byteLength(text) / 1e6;
    const check = validator.check(op, 200, 'application/json', body as never);
    if (check.kind !== 'checked' || check.mismatches.length > 0) throw new Error(`benchmark body does not validate: ${JSON.stringify(check).slice(0, 200)}`);
    const validate = throughput(() => validator.check(op, 200, 'application/json', body as never));
    const parse = throughput(() => JSON.parse(text));
    print(`ajv validation of GET /repos/{owner}/{repo}/pulls (100 pull requests, ${(mb * 1000).toFixed(0)} kB per response):`);
    print(`  validate: ${validate.toFixed(0)} responses/s, ${(validate * mb).toFixed(1)} MB/s`);
    print(`  JSON.parse on the same bytes: ${parse.toFixed(0)} responses/s, ${(parse * mb).toFixed(1)} MB/s: validation takes ${(parse / validate).toFixed(2)}x the time of parsing (goal: at most 0.3x)`);
  },
};
