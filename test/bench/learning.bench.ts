// The cost of learning (issue 12): a scan judged against a baseline with weeks of accumulated evidence vs the same scan
// right after accept (nothing learned yet). Both stores are real SQLite files; the vendor is the benchmarks' list vendor.
import Database from 'better-sqlite3';
import { accept } from '../../src/app/accept.js';
import { scan } from '../../src/app/scan.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { connectorBody, makeTempRoot } from '../helpers/temp-root.js';
import { median, type Benchmark } from './bench.js';
import { startListVendor } from './list-vendor.js';

const CONNECTORS = 20;
const ENDPOINTS = 10;
/** Nights of quiet scans the "with evidence" store has learned from before it is measured. */
const NIGHTS = 30;
const ROUNDS = 7;

export const learningBenchmark: Benchmark = {
  name: 'evidence: the cost of learning',
  async run(print) {
    const vendor = await startListVendor({ itemsPerPage: 8 });
    const root = await makeTempRoot('driftwatch-bench-learning-');
    try {
      for (let c = 0; c < CONNECTORS; c++) {
        const endpoints = Array.from({ length: ENDPOINTS }, (_, e) => ({ id: `e${e}`, path: `/c${c}/e/${c * ENDPOINTS + e}` }));
        await root.writeConnector(`c${c}`, connectorBody(vendor.url, endpoints));
      }
      const freshFile = `${root.dir}/.driftwatch/fresh.db`;
      const fresh = await openSqliteStore(freshFile);
      const learned = await openSqliteStore(`${root.dir}/.driftwatch/learned.db`);
      const now = () => new Date();
      await accept({ root: root.dir, store: fresh, env: {}, now });
      for (let night = 0; night < NIGHTS; night++) await scan({ root: root.dir, store: learned, env: {}, now });
      const without: number[] = [];
      const withEvidence: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // "Without": every measured scan starts from the accepted snapshots alone, as the first night after accept does.
        const db = new Database(freshFile);
        db.prepare('DELETE FROM baselines').run();
        db.close();
        let t = performance.now();
        await scan({ root: root.dir, store: fresh, env: {}, now });
        without.push(performance.now() - t);
        t = performance.now();
        await scan({ root: root.dir, store: learned, env: {}, now });
        withEvidence.push(performance.now() - t);
      }
      await fresh.close();
      await learned.close();
      const ratio = median(withEvidence) / median(without);
      print(`scan of ${CONNECTORS * ENDPOINTS} endpoints, median of ${ROUNDS}: right after accept ${median(without).toFixed(0)} ms,`);
      print(`with ${NIGHTS} nights of learned evidence ${median(withEvidence).toFixed(0)} ms`);
      print(`ratio with / without learned evidence: ${ratio.toFixed(2)}  (aim: <= 1.10)`);
    } finally {
      await vendor.close();
      await root.cleanup();
    }
  },
};
