// `driftwatch history` as a user runs it (the built binary) on 1M samples / 2,000 drifts and on 50,000 drifts, as
// time over `node -e 0` measured in the same run, with peak memory; and what a sample costs on disk.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fingerprintOf } from '../../src/core/classify.js';
import type { Finding, SampleOutcome } from '../../src/core/model.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { makeTempRoot } from '../helpers/temp-root.js';
import { median, type Benchmark } from './bench.js';

const BIN = fileURLToPath(new URL('../../../bin/driftwatch.js', import.meta.url));
const REPEATS = 9;
const GOAL_MS = 100;

/**
 * Wall time (ms, median of REPEATS) and peak RSS (MB, from GNU time) of each command. The commands take turns within
 * each round, so a burst of load on a shared machine falls on all of them, anchor included, not on one.
 */
function timeCommands<K extends string>(commands: Record<K, readonly string[]>): Record<K, { ms: number; rssMb: number }> {
  const times = new Map<K, number[]>();
  const rss = new Map<K, number[]>();
  const keys = Object.keys(commands) as K[];
  for (let i = 0; i < REPEATS; i++) {
    for (const key of keys) {
      const args = commands[key];
      const started = performance.now();
      const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
      times.set(key, [...(times.get(key) ?? []), performance.now() - started]);
      if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
      rss.set(key, [...(rss.get(key) ?? []), Number(run.stderr.trim().split('\n').at(-1)) / 1024]);
    }
  }
  return Object.fromEntries(keys.map((key) => [key, { ms: median(times.get(key)!), rssMb: Math.max(...rss.get(key)!) }])) as Record<K, { ms: number; rssMb: number }>;
}

async function fill(store: HistoryStore, samples: number, drifts: number): Promise<void> {
  const connectors = 20;
  const run = await store.startRun('scan', [], '2026-06-01T00:00:00.000Z');
  const start = Date.parse('2026-06-01T00:00:00.000Z');
  const batch = 20_000;
  for (let done = 0; done < samples; done += batch) {
    const outcomes: SampleOutcome[] = [];
    for (let i = done; i < Math.min(samples, done + batch); i++) {
      const connector = `c${String(i % connectors).padStart(2, '0')}`;
      const endpoint = `e${(i >> 5) % 5}`;
      const takenAt = new Date(start + i * 500).toISOString();
      outcomes.push(
        i % 97 === 0
          ? { ok: false, failure: { connector, endpoint, kind: 'timeout', message: 'no answer', latencyMs: 10_000, attempts: 3, takenAt } }
          : { ok: true, sample: { connector, endpoint, method: 'GET', url: 'https://api.example.com/x', status: 200, contentType: 'application/json', headers: {}, latencyMs: 80 + (i % 120), sizeBytes: 4_000, bodyHash: `${'0'.repeat(56)}${String(i).padStart(8, '0')}`, body: null, takenAt, attempts: 1 } },
      );
    }
    await store.recordSamples(run.id, outcomes);
  }
  for (let done = 0; done < drifts; done += 1000) {
    const changes: Finding[] = [];
    for (let i = done; i < Math.min(drifts, done + 1000); i++) {
      const connector = `c${String(i % connectors).padStart(2, '0')}`;
      const path = `$.data[*].field_${i}`;
      changes.push({ connector, endpoint: 'e0', rule: 'response-property-removed', severity: 'breaking', path, message: `field_${i} removed`, evidence: [{ source: 'snapshot', message: 'm' }], fingerprint: fingerprintOf(connector, 'e0', 'response-property-removed', path), before: { type: 'string' } });
    }
    await store.recordChanges(run.id, changes, { observed: [] }, new Date(start + done * 1000).toISOString());
  }
  await store.finishRun(run.id, { breaking: drifts, warning: 0, info: 0, errors: 0 }, new Date().toISOString());
}

export const historyCliBenchmark: Benchmark = {
  name: 'history: `driftwatch history` on 1M samples / 2,000 drifts and on 50,000 drifts vs `node -e 0`; bytes per sample',
  async run(print) {
    const root = await makeTempRoot('driftwatch-history-cli-bench-');
    try {
      const big = `${root.dir}/big.db`;
      const many = `${root.dir}/many.db`;
      let started = performance.now();
      const store = await openSqliteStore(big);
      await fill(store, 1_000_000, 2_000);
      const stats = await store.stats();
      await store.close();
      print(`filled 1,000,000 samples and 2,000 drifts in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      started = performance.now();
      const store2 = await openSqliteStore(many);
      await fill(store2, 0, 50_000);
      await store2.close();
      print(`filled 50,000 drifts in ${((performance.now() - started) / 1000).toFixed(1)} s`);

      const { anchor, version, history, json, page, all } = timeCommands({
        anchor: ['-e', '0'],
        // The CLI's own start (commander, the program): what every command pays before it does anything.
        version: [BIN, '--version'],
        history: [BIN, 'history', '--db', big],
        json: [BIN, 'history', '--db', big, '--format', 'json'],
        page: [BIN, 'history', '--db', many],
        all: [BIN, 'history', '--db', many, '--limit', '50000', '--format', 'json'],
      });
      const over = (t: { ms: number }): string => `${(t.ms - anchor.ms).toFixed(0)} ms over node's start (x${(t.ms / anchor.ms).toFixed(2)} of \`node -e 0\`, ${((t.ms - anchor.ms) / GOAL_MS).toFixed(2)} of the ${GOAL_MS} ms goal)`;
      print(`node -e 0: ${anchor.ms.toFixed(0)} ms, peak RSS ${anchor.rssMb.toFixed(0)} MB; driftwatch --version: ${over(version)}`);
      print(`history's own share (over driftwatch --version): ${(history.ms - version.ms).toFixed(0)} ms text, ${(json.ms - version.ms).toFixed(0)} ms json, ${(page.ms - version.ms).toFixed(0)} ms on 50,000 drifts`);
      print(`history (text, default page of 100), 1M samples / 2,000 drifts: ${history.ms.toFixed(0)} ms = ${over(history)}; peak RSS ${history.rssMb.toFixed(0)} MB`);
      print(`history --format json, same store: ${json.ms.toFixed(0)} ms = ${over(json)}; peak RSS ${json.rssMb.toFixed(0)} MB`);
      print(`history (default page), 50,000 drifts: ${page.ms.toFixed(0)} ms = ${over(page)}; peak RSS ${page.rssMb.toFixed(0)} MB`);
      print(`history --limit 50000 --format json, 50,000 drifts (everything asked for): ${all.ms.toFixed(0)} ms; peak RSS ${all.rssMb.toFixed(0)} MB`);
      const samples = stats.tables.find((t) => t.table === 'samples')!;
      print(`samples: ${(samples.bytes / samples.rows).toFixed(0)} bytes per sample with its indexes (file ${(stats.totalBytes / 1e6).toFixed(0)} MB)`);
    } finally {
      await root.cleanup();
    }
  },
};
