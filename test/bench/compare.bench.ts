// The published comparison: driftwatch's spec diff next to Optic, openapi-diff and api-smart-diff on GitHub's spec
// (@octokit/openapi 22.0.0 -> 23.0.2) and on a cut-down pair (its first 100 operations), whole processes, wall time,
// each run capped. The other tools are the benchmark's own dev dependencies (test/bench/compare/package.json),
// installed there on first use, never into the product's node_modules. A tool that cannot run here is said so.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Benchmark } from './bench.js';
import { cutSpec } from './cut-spec.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The source folder of the comparison tools (this file runs from dist/test/bench; package.json lives in test/bench). */
const COMPARE = join(here, '..', '..', '..', 'test', 'bench', 'compare');
const ROOT = join(here, '..', '..', '..');
const require = createRequire(import.meta.url);
const githubSpec = (pkg: string): string => join(dirname(require.resolve(`${pkg}/package.json`)), 'generated', 'api.github.com.json');
/** Per tool and pair; a run past it is "did not finish" (Optic ran past 10 minutes on GitHub's spec). */
const CAP_MS = Number(process.env.BENCH_COMPARE_CAP_S ?? 120) * 1000;

interface Run {
  ms: number;
  outcome: string;
}

/** One whole process, wall time, killed at the cap. */
function timed(command: string, args: string[], cwd: string, capMs = CAP_MS): Promise<Run> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stderr = '';
    let head = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (head.length < 400) head += chunk.toString();
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, capMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      if (signal === 'SIGKILL' && ms >= capMs) resolve({ ms, outcome: `did not finish in ${capMs / 1000} s` });
      else if (/heap out of memory|JavaScript heap/i.test(stderr)) resolve({ ms, outcome: 'ran out of memory' });
      else if (/^invalid openapi/m.test(head + stderr)) resolve({ ms, outcome: `refused the spec: ${(head + stderr).split('\n')[0]!.slice(0, 100)}…` });
      else if (code === 0 || code === 1) resolve({ ms, outcome: code === 1 ? 'ok (breaking changes: exit 1)' : 'ok' });
      else resolve({ ms, outcome: `failed (exit ${code ?? signal}): ${stderr.trim().split('\n').slice(-1)[0]?.slice(0, 120) ?? ''}` });
    });
  });
}

/** Installs the comparison tools into their own folder on first use; returns why not when that fails. */
function ensureTools(print: (line: string) => void): string | undefined {
  if (existsSync(join(COMPARE, 'node_modules', '.bin', 'optic'))) return undefined;
  print(`installing the comparison tools into ${COMPARE} (first run; npm install --prefix, not the main node_modules)`);
  const npm = spawnSync('npm', ['install', '--prefix', COMPARE, '--no-audit', '--no-fund', '--ignore-scripts'], { stdio: 'ignore', timeout: 600_000 });
  return npm.status === 0 ? undefined : `npm install --prefix ${COMPARE} failed (exit ${npm.status})`;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

export const compareBenchmark: Benchmark = {
  name: 'Spec diff: driftwatch vs Optic, openapi-diff, api-smart-diff',
  async run(print) {
    const work = mkdtempSync(join(tmpdir(), 'driftwatch-compare-'));
    try {
      const oldFile = githubSpec('github-spec-old');
      const newFile = githubSpec('github-spec-new');
      // The cut-down pair: the same first paths of both versions (about 100 operations) and the components they use.
      const oldDoc = JSON.parse(readFileSync(oldFile, 'utf8')) as Record<string, unknown>;
      const newDoc = JSON.parse(readFileSync(newFile, 'utf8')) as Record<string, unknown>;
      const names = Object.keys(oldDoc.paths as object).slice(0, 60);
      const smallOld = join(work, 'small-22.0.0.json');
      const smallNew = join(work, 'small-23.0.2.json');
      const smallA = cutSpec(oldDoc, 100, names);
      writeFileSync(smallOld, JSON.stringify(smallA));
      writeFileSync(smallNew, JSON.stringify(cutSpec(newDoc, 100, names)));
      const smallOps = Object.values(smallA.paths as Record<string, object>).reduce((n, item) => n + Object.keys(item).filter((k) => /^(get|put|post|delete|patch|head|options)$/.test(k)).length, 0);
      print(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; each tool a whole process, wall time, capped at ${CAP_MS / 1000} s`);
      const missing = ensureTools(print);
      const pairs = [
        { name: `GitHub @octokit/openapi 22.0.0 -> 23.0.2 (13 MB each)`, a: oldFile, b: newFile },
        { name: `cut-down pair (${smallOps} operations, first ${names.length} paths of the same versions)`, a: smallOld, b: smallNew },
      ];
      const smartScript = join(work, 'api-smart-diff.cjs');
      writeFileSync(
        smartScript,
        `const { apiDiff } = require(${JSON.stringify(join(COMPARE, 'node_modules', 'api-smart-diff'))});\nconst fs = require('fs');\nconst read = (f) => JSON.parse(fs.readFileSync(f, 'utf8'));\nconst diffs = apiDiff(read(process.argv[2]), read(process.argv[3]));\nprocess.exitCode = diffs.some((d) => d.type === 'breaking') ? 1 : 0;\n`,
      );
      for (const pair of pairs) {
        print(`\n${pair.name}`);
        const cold = mkdtempSync(join(work, 'root-'));
        const driftwatch = join(ROOT, 'bin', 'driftwatch.js');
        // Cold: a fresh project root (no spec cache): validation, parsing and diff all paid in this process.
        const dwCold = await timed(process.execPath, [driftwatch, 'diff', pair.a, pair.b, '--format', 'json'], cold);
        // Warm: the same root again (the structure verdicts are cached per spec version).
        const dwWarm = await timed(process.execPath, [driftwatch, 'diff', pair.a, pair.b, '--format', 'json'], cold);
        const anchor = dwCold.ms;
        const row = (tool: string, run: Run): void => print(`  ${tool.padEnd(32)} ${seconds(run.ms).padStart(9)}  ${(run.ms / anchor).toFixed(2).padStart(6)}x  ${run.outcome}`);
        row('driftwatch diff (cold)', dwCold);
        row('driftwatch diff (warm)', dwWarm);
        if (missing) {
          print(`  the other tools could not run here: ${missing}`);
          continue;
        }
        row('api-smart-diff 1.0.6', await timed(process.execPath, [smartScript, pair.a, pair.b], work));
        const optic = join(COMPARE, 'node_modules', '.bin', 'optic');
        row('Optic 1.0.9 (strict)', await timed(optic, ['diff', pair.a, pair.b], work));
        row('Optic 1.0.9 (--validation loose)', await timed(optic, ['diff', pair.a, pair.b, '--validation', 'loose'], work));
        row('openapi-diff 0.24.1', await timed(join(COMPARE, 'node_modules', '.bin', 'openapi-diff'), [pair.a, pair.b], work));
      }
      print('\n(ratio: the tool\'s wall time over driftwatch\'s cold run of the same pair, in this run)');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};
