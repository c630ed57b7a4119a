// Core figures: inference + diff vs JSON.parse on a 10 MB list, and a 200-endpoint scan vs raw undici requests.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
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
const exec = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../bin/driftwatch.js', import.meta.url));
/** Another build's bin/driftwatch.js (e.g. main's), timed in the same rounds: a before/after comparison in one run. */
const BASE_BIN = process.env.DRIFTWATCH_BENCH_BASE;
const RAW = fileURLToPath(new URL('./raw-requests.js', import.meta.url));

/** Wall time of a whole process, in ms; exit 1 (breaking drift) counts as a run. */
async function processMs(args: readonly string[]): Promise<number> {
  const t = performance.now();
  await exec(process.execPath, args, { env: { ...process.env, NO_COLOR: '1', PACT_DO_NOT_TRACK: 'true' } }).catch((error: { code?: number }) => {
    if (error.code !== 1) throw error;
  });
  return performance.now() - t;
}

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
    const urlFile = join(root.dir, 'urls.txt');
    await writeFile(urlFile, urls.join('\n'));
    const processScanMs: number[] = [];
    const processRawMs: number[] = [];
    const nodeMs: number[] = [];
    const baseMs: number[] = [];
    const scanArgs = ['scan', '--root', root.dir, '--no-notify', '--db', `${root.dir}/.driftwatch/history.db`];
    for (let round = 0; round < 5; round++) {
      nodeMs.push(await processMs(['-e', '0']));
      processRawMs.push(await processMs([RAW, urlFile]));
      processScanMs.push(await processMs([BIN, ...scanArgs]));
      if (BASE_BIN) baseMs.push(await processMs([BASE_BIN, ...scanArgs]));
    }
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
    print(`ratio scan / raw, in process: ${(median(scanMs) / median(rawMs)).toFixed(2)}  (aim: <= 1.1)`);
    print(`whole processes, median of 5: node -e 0 ${median(nodeMs).toFixed(0)} ms; raw undici process ${median(processRawMs).toFixed(0)} ms; \`driftwatch scan\` process ${median(processScanMs).toFixed(0)} ms`);
    print(`ratio scan process / raw process: ${(median(processScanMs) / median(processRawMs)).toFixed(2)}  (aim: <= 1.1); scan process over node -e 0: x${(median(processScanMs) / median(nodeMs)).toFixed(2)}`);
    if (BASE_BIN) print(`base build (${BASE_BIN}) scan process: ${median(baseMs).toFixed(0)} ms, ratio to raw process ${(median(baseMs) / median(processRawMs)).toFixed(2)}; this build / base: ${(median(processScanMs) / median(baseMs)).toFixed(2)}`);
  } finally {
    await vendor.close();
    await root.cleanup();
  }
}

export const coreBenchmark: Benchmark = {
  name: 'core: inference + diff, and scan overhead',
  async run(print) {
    // DRIFTWATCH_BENCH_SCAN_ONLY=1 skips the 10 MB inference figure (quick scan comparisons).
    if (!process.env.DRIFTWATCH_BENCH_SCAN_ONLY) await inferenceFigures(print);
    // Loopback answers in well under a millisecond, so fixed per-endpoint work dominates; a real vendor takes tens of ms.
    await scanFigures(print, 0);
    await scanFigures(print, 50);
  },
};
