// Core figures: inference + diff vs JSON.parse on a 10 MB list, and a 200-endpoint scan vs raw undici requests.
import { request } from 'undici';
import { classify } from '../../src/core/classify.js';
import { diffSnapshot } from '../../src/core/diff.js';
import { inferShape } from '../../src/core/infer.js';
import type { JsonValue, Sample } from '../../src/core/model.js';
import { buildSnapshot } from '../../src/core/snapshot.js';
import { invoice } from '../../src/demo/ledgerly-data.js';
import { accept } from '../../src/app/accept.js';
import { mapLimit } from '../../src/app/map-limit.js';
import { scan } from '../../src/app/scan.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { connectorBody, makeTempRoot } from '../helpers/temp-root.js';
import { median, type Benchmark } from './bench.js';
import { startListVendor } from './list-vendor.js';

const MB = 1024 * 1024;

function bigList(count: number, release: 'v1' | 'v2'): string {
  return JSON.stringify({ object: 'list', has_more: false, data: Array.from({ length: count }, (_, i) => invoice(i % 5000, release)) });
}

function sampleOf(body: JsonValue, size: number): Sample {
  return {
    connector: 'bench', endpoint: 'list', method: 'GET', url: 'http://bench/list', status: 200, contentType: 'application/json',
    headers: {}, latencyMs: 0, sizeBytes: size, bodyHash: '', body, takenAt: '2026-11-23T00:00:00.000Z', attempts: 1,
  };
}

async function inferenceFigures(print: (line: string) => void): Promise<void> {
  const baseline = bigList(20_000, 'v1');
  const current = bigList(20_000, 'v2');
  const bytes = Buffer.byteLength(current);
  const snapshot = buildSnapshot({
    connector: 'bench', endpoint: 'list', method: 'GET', path: '/list',
    samples: [sampleOf(JSON.parse(baseline) as JsonValue, Buffer.byteLength(baseline))], acceptedAt: '2026-11-23T00:00:00.000Z',
  });
  const parseMs: number[] = [];
  const inferDiffMs: number[] = [];
  let changes = 0;
  for (let i = 0; i < 7; i++) {
    let t = performance.now();
    const body = JSON.parse(current) as JsonValue;
    parseMs.push(performance.now() - t);
    t = performance.now();
    const schema = inferShape([body], { values: 'all' });
    const deltas = diffSnapshot(snapshot, { status: 200, contentType: 'application/json', schema, samples: 1 });
    changes = classify(deltas.map((delta) => ({ source: 'snapshot' as const, endpoint: 'list', delta })), { connector: 'bench' }).length;
    inferDiffMs.push(performance.now() - t);
  }
  const parseRate = bytes / MB / (median(parseMs) / 1000);
  const inferRate = bytes / MB / (median(inferDiffMs) / 1000);
  print(`list response: ${(bytes / MB).toFixed(1)} MB, 20,000 objects; ${changes} changes found`);
  print(`JSON.parse:          ${parseRate.toFixed(0).padStart(5)} MB/s  (median ${median(parseMs).toFixed(0)} ms)`);
  print(`inference + diff:    ${inferRate.toFixed(0).padStart(5)} MB/s  (median ${median(inferDiffMs).toFixed(0)} ms)`);
  print(`ratio (infer+diff / JSON.parse speed): ${(inferRate / parseRate).toFixed(2)}  (aim: >= 0.33)`);
}

async function scanFigures(print: (line: string) => void, latencyMs: number): Promise<void> {
  const connectors = 20;
  const perConnector = 10;
  const vendor = await startListVendor({ itemsPerPage: 8, latencyMs });
  const url = vendor.url;
  const root = await makeTempRoot('driftwatch-bench-');
  try {
    for (let c = 0; c < connectors; c++) {
      const endpoints = Array.from({ length: perConnector }, (_, e) => ({ id: `e${e}`, path: `/c${c}/e/${c * perConnector + e}` }));
      await root.writeConnector(`c${c}`, connectorBody(url, endpoints));
    }
    const store = await openSqliteStore(`${root.dir}/.driftwatch/history.db`);
    const options = { root: root.dir, store, env: {}, now: () => new Date() };
    await accept(options);
    const urls = Array.from({ length: connectors * perConnector }, (_, i) => `${url}/c${Math.floor(i / perConnector)}/e/${i}`);
    const scanMs: number[] = [];
    const rawMs: number[] = [];
    for (let round = 0; round < 5; round++) {
      let t = performance.now();
      // 64 requests in flight: about what a scan allows (20 connectors at once, 4 requests in flight each)
      await mapLimit(urls, 64, async (u) => {
        const res = await request(u);
        JSON.parse(await res.body.text());
      });
      rawMs.push(performance.now() - t);
      t = performance.now();
      await scan(options);
      scanMs.push(performance.now() - t);
    }
    await store.close();
    print(`scan of ${urls.length} endpoints (${connectors} connectors) on a local server answering after ${latencyMs} ms, median of 5:`);
    print(`raw undici requests + JSON.parse: ${median(rawMs).toFixed(0)} ms`);
    print(`driftwatch scan (sample, redact, infer, diff, record in SQLite): ${median(scanMs).toFixed(0)} ms`);
    print(`ratio scan / raw: ${(median(scanMs) / median(rawMs)).toFixed(2)}  (aim: < 1.5)`);
  } finally {
    await vendor.close();
    await root.cleanup();
  }
}

export const coreBenchmark: Benchmark = {
  name: 'core: inference + diff, and scan overhead',
  async run(print) {
    await inferenceFigures(print);
    // Loopback answers in well under a millisecond, so fixed per-endpoint work dominates; a real vendor takes tens of ms.
    await scanFigures(print, 0);
    await scanFigures(print, 50);
  },
};
