// Load figure for `driftwatch watch`: 100 connectors x 5 endpoints on a local vendor, fired by cron for a bounded time.
import { accept } from '../../src/app/accept.js';
import { startListVendor } from './list-vendor.js';
import { startWatch, type WatchRunEvent } from '../../src/schedule/daemon.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { connectorBody, makeTempRoot } from '../helpers/temp-root.js';
import { percentile, type Benchmark } from './bench.js';

const CONNECTORS = 100;
const ENDPOINTS = 5;
/**
 * Every connector fires every EVERY_SECONDS (a seconds-field cron, `*\/10 * * * * *`): the per-minute schedule of the
 * issue, compressed so the benchmark takes about a minute instead of an hour. DRIFTWATCH_BENCH_SECONDS sets the length.
 */
const EVERY_SECONDS = 10;

export const watchBenchmark: Benchmark = {
  name: `watch daemon: ${CONNECTORS} connectors x ${ENDPOINTS} endpoints, every ${EVERY_SECONDS} s`,
  async run(print) {
    const seconds = Number(process.env.DRIFTWATCH_BENCH_SECONDS ?? 60);
    const vendor = await startListVendor({ itemsPerPage: 5 });
    const url = vendor.url;
    const root = await makeTempRoot('driftwatch-watch-bench-');
    const db = `${root.dir}/.driftwatch/history.db`;
    const store = await openSqliteStore(db);
    try {
      for (let c = 0; c < CONNECTORS; c++) {
        const endpoints = Array.from({ length: ENDPOINTS }, (_, e) => ({ id: `e${e}`, path: `/c${c}/e/${c * ENDPOINTS + e}` }));
        await root.writeConnector(`c${String(c).padStart(3, '0')}`, connectorBody(url, endpoints, { schedule: '* * * * *' }));
      }
      await accept({ root: root.dir, store, env: {}, now: () => new Date() });

      const runs: WatchRunEvent[] = [];
      const finishedAt: number[] = [];
      let peakRss = process.memoryUsage().rss;
      const startRss = peakRss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
      const daemon = await startWatch({
        root: root.dir,
        store,
        location: { kind: 'sqlite', file: db },
        env: {},
        everySeconds: EVERY_SECONDS,
        watchFiles: false,
        reloadIntervalMs: 0,
        outboxIntervalMs: 0,
        notify: false,
        logLevel: 'warn',
        logDestination: { write: () => {} },
        onRun: (event) => {
          runs.push(event);
          finishedAt.push(Date.now());
        },
      });
      const started = performance.now();
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      await daemon.stop('benchmark over');
      const elapsed = (performance.now() - started) / 1000;
      clearInterval(sampler);

      const durations = runs.map((r) => r.durationMs);
      const samples = runs.reduce((n, r) => n + r.outcomes.length, 0);
      const ok = runs.reduce((n, r) => n + r.outcomes.filter((o) => o.ok).length, 0);
      const fires = new Set(runs.map((r) => r.slot)).size;
      print(`ran ${elapsed.toFixed(0)} s: ${fires} fires, ${runs.length} connector runs, ${samples} samples taken (${ok} ok)`);
      print(`connector run duration: p50 ${percentile(durations, 50).toFixed(0)} ms, p95 ${percentile(durations, 95).toFixed(0)} ms, max ${Math.max(0, ...durations).toFixed(0)} ms`);
      print(`all ${CONNECTORS} connectors of one fire done within: p95 ${percentile(fireSpans(runs, finishedAt), 95).toFixed(0)} ms`);
      print(`peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB (at start ${(startRss / 1024 / 1024).toFixed(0)} MB)`);
      print(`runs by result: ${JSON.stringify(countBy(runs.map((r) => r.result)))}`);
    } finally {
      await store.close();
      await vendor.close();
      await root.cleanup();
    }
  },
};

/** Per fire (slot), from the slot to the last of its connector runs finishing. */
function fireSpans(runs: readonly WatchRunEvent[], finishedAt: readonly number[]): number[] {
  const bySlot = new Map<string, number>();
  runs.forEach((r, i) => {
    if (!r.slot) return;
    bySlot.set(r.slot, Math.max(bySlot.get(r.slot) ?? 0, finishedAt[i]! - Date.parse(r.slot)));
  });
  return [...bySlot.values()];
}

function countBy(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
