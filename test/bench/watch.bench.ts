// Load figure for `driftwatch watch`: 100 connectors x 5 endpoints on a local vendor, fired by cron, spread over the tick or not.
import { accept } from '../../src/app/accept.js';
import { startListVendor } from './list-vendor.js';
import { startWatch, type WatchRunEvent } from '../../src/schedule/daemon.js';
import { DEFAULT_JITTER_WINDOW_MS } from '../../src/schedule/jitter.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { connectorBody, makeTempRoot } from '../helpers/temp-root.js';
import { median, percentile, type Benchmark } from './bench.js';

const CONNECTORS = 100;
const ENDPOINTS = 5;
/**
 * All connectors share one tick, as on a per-minute schedule (500 endpoints a minute), but the tick comes every
 * EVERY_SECONDS (a seconds-field cron, `*\/10 * * * * *`) so a one-minute measurement holds 6 ticks instead of one.
 * The spread is the same (its 5 s window is under half of either period). DRIFTWATCH_BENCH_SECONDS sets the length.
 */
const EVERY_SECONDS = 10;
const GOAL_P95_MS = 2_000;
const GOAL_RSS_MB = 300;

interface Measured {
  runs: WatchRunEvent[];
  elapsedS: number;
  peakRssMb: number;
}

async function measure(root: string, db: string, store: HistoryStore, seconds: number, jitterWindowMs: number): Promise<Measured> {
  const runs: WatchRunEvent[] = [];
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const daemon = await startWatch({
    root, store, location: { kind: 'sqlite', file: db }, env: {},
    everySeconds: EVERY_SECONDS, jitterWindowMs,
    watchFiles: false, reloadIntervalMs: 0, outboxIntervalMs: 0, notify: false,
    logLevel: 'warn', logDestination: { write: () => {} },
    onRun: (event) => void runs.push(event),
  });
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  await daemon.stop('benchmark over');
  clearInterval(sampler);
  return { runs, elapsedS: (performance.now() - started) / 1000, peakRssMb: peakRss / 1024 / 1024 };
}

/** The anchor: one connector run with nothing else going on, the floor a run in the batch can approach. */
async function soloRunMs(root: string, db: string, store: HistoryStore): Promise<number> {
  const daemon = await startWatch({
    root, store, location: { kind: 'sqlite', file: db }, env: {},
    watchFiles: false, reloadIntervalMs: 0, outboxIntervalMs: 0, notify: false, defaultMetrics: false,
    logLevel: 'warn', logDestination: { write: () => {} },
  });
  const times: number[] = [];
  for (let i = 0; i < 21; i++) times.push((await daemon.runNow(`c${String(i * 3).padStart(3, '0')}`))!.durationMs);
  await daemon.stop('benchmark over');
  return median(times);
}

export const watchBenchmark: Benchmark = {
  name: `watch daemon: ${CONNECTORS} connectors x ${ENDPOINTS} endpoints, every ${EVERY_SECONDS} s`,
  async run(print) {
    const seconds = Number(process.env.DRIFTWATCH_BENCH_SECONDS ?? 60);
    const vendor = await startListVendor({ itemsPerPage: 5 });
    const root = await makeTempRoot('driftwatch-watch-bench-');
    const db = `${root.dir}/.driftwatch/history.db`;
    const store = await openSqliteStore(db);
    try {
      for (let c = 0; c < CONNECTORS; c++) {
        const endpoints = Array.from({ length: ENDPOINTS }, (_, e) => ({ id: `e${e}`, path: `/c${c}/e/${c * ENDPOINTS + e}` }));
        await root.writeConnector(`c${String(c).padStart(3, '0')}`, connectorBody(vendor.url, endpoints, { schedule: '* * * * *' }));
      }
      await accept({ root: root.dir, store, env: {}, now: () => new Date() });

      const solo = await soloRunMs(root.dir, db, store);
      // Spread first: its peak RSS is the figure (a later measurement in the same process inherits the heap).
      const spread = await measure(root.dir, db, store, seconds, DEFAULT_JITTER_WINDOW_MS);
      const batch = await measure(root.dir, db, store, seconds, 0);

      const p95 = (m: Measured): number => percentile(m.runs.map((r) => r.durationMs), 95);
      const samples = (m: Measured): string => {
        const all = m.runs.reduce((n, r) => n + r.outcomes.length, 0);
        const ok = m.runs.reduce((n, r) => n + r.outcomes.filter((o) => o.ok).length, 0);
        return `${m.runs.length} runs, ${all} samples (${ok} ok) in ${m.elapsedS.toFixed(0)} s`;
      };
      print(`one connector run alone (the anchor), median of 21: ${solo.toFixed(0)} ms`);
      print(`spread over the first ${DEFAULT_JITTER_WINDOW_MS / 1000} s of each tick (the default): ${samples(spread)}; run p50 ${percentile(spread.runs.map((r) => r.durationMs), 50).toFixed(0)} ms, p95 ${p95(spread).toFixed(0)} ms; peak RSS ${spread.peakRssMb.toFixed(0)} MB`);
      print(`all at once (--jitter 0): ${samples(batch)}; run p50 ${percentile(batch.runs.map((r) => r.durationMs), 50).toFixed(0)} ms, p95 ${p95(batch).toFixed(0)} ms`);
      print(`ratio run p95 / one run alone: spread ${(p95(spread) / solo).toFixed(1)}, all at once ${(p95(batch) / solo).toFixed(1)}`);
      print(`ratio run p95 / goal (${GOAL_P95_MS / 1000} s): ${(p95(spread) / GOAL_P95_MS).toFixed(2)}  (aim: < 1)`);
      print(`ratio peak RSS / goal (${GOAL_RSS_MB} MB): ${(spread.peakRssMb / GOAL_RSS_MB).toFixed(2)}  (aim: < 1)`);
    } finally {
      await store.close();
      await vendor.close();
      await root.cleanup();
    }
  },
};
