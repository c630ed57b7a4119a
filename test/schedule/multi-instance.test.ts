// Three `driftwatch watch --shared` processes on one store: each scheduled connector run happens exactly once among
// them, and when one is killed (-9) the others pick its connectors up within one schedule period. Each phase waits for
// its event rather than a fixed time, so the test takes as long as the schedule needs and no longer.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { BIN } from '../helpers/run-cli.js';
import { describeWithPostgres, newSchemaName, pgUrl, schemaUrl } from '../store/pg-server.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';

const PERIOD_S = 2;
const CONNECTORS = ['alpha', 'beta', 'gamma', 'delta'];

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

interface RunLine {
  msg: string;
  connector: string;
  slot: string;
  instance: string;
  result: string;
  time: number;
}

interface Watcher {
  child: ChildProcess;
  runs: () => RunLine[];
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startWatcher(root: string, db: string): Watcher {
  // --jitter 0: this test is about electing each slot once; jitter would eat into the period the margins below rely on.
  const args = [BIN, 'watch', '--shared', '--once-every-seconds', String(PERIOD_S), '--jitter', '0', '--db', db, '--root', root];
  const child = spawn(process.execPath, args, { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return {
    child,
    exited,
    stderr: () => stderr,
    runs: () =>
      stderr
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as RunLine)
        .filter((l) => l.msg === 'run finished'),
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for something to happen (never for something not to): each phase ends as soon as its condition holds. */
async function until(watchers: readonly Watcher[], condition: () => boolean, what: string): Promise<void> {
  // Each condition needs at most ~3 periods (6 s) or a cold start of three processes (~4 s): 20 s is over 3x either.
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${watchers.map((w) => w.stderr().slice(-2000)).join('\n---\n')}`);
    await sleep(50);
  }
}

async function scenario(vendor: VendorServer, root: TempRoot, db: string): Promise<void> {
  const watchers = [startWatcher(root.dir, db), startWatcher(root.dir, db), startWatcher(root.dir, db)];
  await until(watchers, () => watchers.every((w) => w.stderr().includes('driftwatch watch started')), 'three watchers to start');

  // Phase 1: three alive, until the one we will kill has done a share of the work (so its death leaves a gap to fill).
  const victim = watchers[0]!;
  await until(watchers, () => victim.runs().length > 0, 'the first watcher to win a slot');
  victim.child.kill('SIGKILL');
  expect((await victim.exited).signal).toBe('SIGKILL');
  const killedAt = Date.now();

  // Phase 2: the two survivors carry on until every connector ran a slot from a period after the kill on. (A period,
  // not at once: a run cut by the kill holds its running lease for up to half a period more.)
  const period = PERIOD_S * 1000;
  const firstCovered = Math.ceil((killedAt + period) / period) * period;
  const survivors = watchers.slice(1);
  const firstRunFrom = (connector: string): number | undefined => {
    const slots = survivors.flatMap((w) => w.runs()).filter((r) => r.connector === connector).map((r) => Date.parse(r.slot));
    return slots.filter((slot) => slot >= firstCovered).sort((a, b) => a - b)[0];
  };
  await until(watchers, () => CONNECTORS.every((c) => firstRunFrom(c) !== undefined), 'the survivors to cover the connectors');
  for (const w of survivors) w.child.kill('SIGTERM');
  for (const w of survivors) expect(await w.exited, w.stderr().slice(-2000)).toEqual({ code: 0, signal: null });

  const runs = watchers.flatMap((w) => w.runs());
  expect(runs.filter((r) => r.result !== 'ok'), 'runs that did not succeed').toEqual([]);
  // Exactly once: no (connector, slot) pair ran on two instances.
  const keys = runs.map((r) => `${r.connector}@${r.slot}`);
  expect(keys.filter((k, i) => keys.indexOf(k) !== i), 'slots run twice').toEqual([]);
  // The work was shared, not all done by one instance.
  expect(new Set(runs.map((r) => r.instance)).size).toBeGreaterThanOrEqual(2);

  // Picked up after the death: every connector ran the first slot a period after the kill, or the one after it.
  // (One miss is tolerated: a fire more than a second late on a loaded CI machine is skipped by node-cron.)
  for (const connector of CONNECTORS) {
    const seen = runs.filter((r) => r.connector === connector).map((r) => `${r.slot} on ${r.instance}`);
    expect(firstRunFrom(connector), `${connector} picked up within a period of the kill at ${new Date(killedAt).toISOString()}; runs: ${seen.join(', ')}`).toBeLessThanOrEqual(firstCovered + period);
  }

  // The store agrees with the logs: one watch run per executed (connector, slot), plus the victim's possibly cut one.
  // The victim may also have finished one run in the store whose log line SIGKILL cut before it reached stdout.
  const store = await openStore(db, root.dir, {});
  try {
    const stored = (await store.listRuns(10_000)).filter((r) => r.kind === 'watch');
    const finished = stored.filter((r) => r.finished).length;
    expect(finished - runs.length, `${finished} finished runs stored, ${runs.length} logged`).toBeGreaterThanOrEqual(0);
    expect(finished - runs.length, `${finished} finished runs stored, ${runs.length} logged`).toBeLessThanOrEqual(1);
    expect(stored.length - runs.length).toBeLessThanOrEqual(CONNECTORS.length);
  } finally {
    await store.close();
  }
  expect(vendor.requests.length).toBeGreaterThanOrEqual(runs.length);
}

async function setupRoot(): Promise<{ vendor: VendorServer; root: TempRoot }> {
  const vendor = await startVendorServer({ '/things': (_req, res) => sendJson(res, 200, { id: 't_1', status: 'active' }) });
  const root = await makeTempRoot('driftwatch-multi-');
  cleanups.push(() => vendor.close(), () => root.cleanup());
  for (const name of CONNECTORS) await root.writeConnector(name, connectorBody(vendor.url, [{ id: 'things', path: '/things' }], { schedule: '0 3 * * *' }));
  return { vendor, root };
}

describe('several watchers share one store', () => {
  it('SQLite file: each run once across three watchers; a killed one is covered within one period', async () => {
    const { vendor, root } = await setupRoot();
    await scenario(vendor, root, join(root.dir, 'shared.db'));
  }, 60_000);
});

// Skips with a message without a server; under CI (which starts one) a missing server fails instead.
await describeWithPostgres('several watchers share one PostgreSQL store', () => {
  it('PostgreSQL: each run once across three watchers; a killed one is covered within one period', async () => {
    const admin = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 2_000 });
    await admin.connect();
    const schema = newSchemaName();
    cleanups.push(async () => {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
      await admin.end();
    });
    await admin.query(`CREATE SCHEMA "${schema}"`);
    const { vendor, root } = await setupRoot();
    await scenario(vendor, root, schemaUrl(schema));
  }, 60_000);
});
