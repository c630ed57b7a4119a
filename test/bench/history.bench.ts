// Does history slow things down? `scan` and `history` timed on a fresh store, then again with 1,000 runs of history.
import { accept } from '../../src/app/accept.js';
import { scan } from '../../src/app/scan.js';
import { fingerprintOf } from '../../src/core/classify.js';
import type { Finding, SampleOutcome } from '../../src/core/model.js';
import { startListVendor } from './list-vendor.js';
import { renderHistoryText } from '../../src/report/history/text.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { connectorBody, makeTempRoot } from '../helpers/temp-root.js';
import { median, type Benchmark } from './bench.js';

const CONNECTORS = 20;
const ENDPOINTS = 5;
const HISTORY_RUNS = 1_000;
const REPEATS = 7;

export const historyBenchmark: Benchmark = {
  name: `history: scan and history on an empty store vs ${HISTORY_RUNS.toLocaleString('en')} runs of history`,
  async run(print) {
    const vendor = await startListVendor({ itemsPerPage: 5 });
    const url = vendor.url;
    const root = await makeTempRoot('driftwatch-history-bench-');
    const store = await openSqliteStore(`${root.dir}/.driftwatch/history.db`);
    try {
      const names: string[] = [];
      for (let c = 0; c < CONNECTORS; c++) {
        const name = `c${String(c).padStart(2, '0')}`;
        names.push(name);
        const endpoints = Array.from({ length: ENDPOINTS }, (_, e) => ({ id: `e${e}`, path: `/c${c}/e/${c * ENDPOINTS + e}` }));
        await root.writeConnector(name, connectorBody(url, endpoints));
      }
      const options = { root: root.dir, store, env: {}, now: () => new Date() };
      await accept(options);

      const empty = await measure(store, root.dir);
      const fillStarted = performance.now();
      const filled = await fillHistory(store, names);
      const fillSeconds = (performance.now() - fillStarted) / 1000;
      const full = await measure(store, root.dir);

      print(`history written: ${HISTORY_RUNS} runs, ${filled.samples.toLocaleString('en')} samples, ${filled.drifts} drifts (${fillSeconds.toFixed(1)} s)`);
      print(`scan (${CONNECTORS} x ${ENDPOINTS} endpoints): empty store ${empty.scan.toFixed(0)} ms, with history ${full.scan.toFixed(0)} ms (x${(full.scan / empty.scan).toFixed(2)})`);
      print(`history (all drifts, text): empty store ${empty.history.toFixed(1)} ms, with history ${full.history.toFixed(1)} ms`);
      print(`history --connector c07 --limit 50: empty store ${empty.filtered.toFixed(2)} ms, with history ${full.filtered.toFixed(2)} ms`);
      print(`listRuns(50): empty store ${empty.runs.toFixed(2)} ms, with history ${full.runs.toFixed(2)} ms`);
    } finally {
      await store.close();
      await vendor.close();
      await root.cleanup();
    }
  },
};

async function measure(store: HistoryStore, root: string): Promise<{ scan: number; history: number; filtered: number; runs: number }> {
  const scans: number[] = [];
  const histories: number[] = [];
  const filtered: number[] = [];
  const runs: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    let t = performance.now();
    await scan({ root, store, env: {}, now: () => new Date() });
    scans.push(performance.now() - t);
    t = performance.now();
    renderHistoryText({ drifts: await store.listDrifts({}), next: null, filter: {} }, { paint: (_style, text) => text });
    histories.push(performance.now() - t);
    t = performance.now();
    await store.listDrifts({ connector: 'c07', limit: 50 });
    filtered.push(performance.now() - t);
    t = performance.now();
    await store.listRuns(50);
    runs.push(performance.now() - t);
  }
  return { scan: median(scans), history: median(histories), filtered: median(filtered), runs: median(runs) };
}

/** 1,000 nightly-like runs written through the store API: every endpoint sampled, a few drifts coming and going. */
async function fillHistory(store: HistoryStore, names: readonly string[]): Promise<{ samples: number; drifts: number }> {
  let samples = 0;
  const day = 86_400_000;
  const start = Date.parse('2024-01-01T03:00:00.000Z');
  for (let run = 0; run < HISTORY_RUNS; run++) {
    const at = new Date(start + run * day).toISOString();
    const record = await store.startRun('scan', [...names], at);
    const outcomes: SampleOutcome[] = [];
    for (const connector of names) {
      for (let e = 0; e < ENDPOINTS; e++) {
        const failing = (run + e) % 50 === 0;
        outcomes.push(
          failing
            ? { ok: false, failure: { connector, endpoint: `e${e}`, kind: 'timeout', message: 'no answer', latencyMs: 10_000, attempts: 3, takenAt: at } }
            : {
                ok: true,
                sample: {
                  connector, endpoint: `e${e}`, method: 'GET', url: `https://api.example.com/${connector}/e${e}`, status: 200,
                  contentType: 'application/json', headers: {}, latencyMs: 80 + ((run * 7 + e) % 120), sizeBytes: 4_000,
                  bodyHash: `${run}-${connector}-${e}`, body: null, takenAt: at, attempts: 1,
                },
              },
        );
      }
    }
    await store.recordSamples(record.id, outcomes);
    samples += outcomes.length;
    // Each connector has a drift on one endpoint for about a month, then it is fixed and the next one starts.
    const changes: Finding[] = names.map((connector, c) => {
      const epoch = Math.floor((run + c * 3) / 30);
      const endpoint = `e${epoch % ENDPOINTS}`;
      const path = `$.data[*].field_${epoch}`;
      return {
        connector, endpoint, rule: 'response-property-removed', severity: 'breaking', path, message: `field_${epoch} removed`,
        evidence: [{ source: 'snapshot', message: 'm' }], fingerprint: fingerprintOf(connector, endpoint, 'response-property-removed', path), before: { type: 'string' },
      };
    });
    const observed = names.flatMap((connector) => Array.from({ length: ENDPOINTS }, (_, e) => ({ connector, endpoint: `e${e}`, source: 'snapshot' })));
    await store.recordChanges(record.id, changes, { observed }, at);
    await store.finishRun(record.id, { breaking: changes.length, warning: 0, info: 0, errors: 0 }, at);
  }
  return { samples, drifts: (await store.listDrifts({})).length };
}
