// Three `driftwatch watch --shared` processes on one store: each scheduled connector run happens exactly once among
// them, and when one is killed (-9) the others pick its connectors up within one schedule period.
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
  const child = spawn(process.execPath, [BIN, 'watch', '--shared', '--once-every-seconds', String(PERIOD_S), '--db', db, '--root', root], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
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

async function untilLogged(watchers: readonly Watcher[], predicate: (w: Watcher) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!watchers.every(predicate)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${watchers.map((w) => w.stderr().slice(-2000)).join('\n---\n')}`);
    await sleep(50);
  }
}

async function scenario(vendor: VendorServer, root: TempRoot, db: string): Promise<void> {
  const watchers = [startWatcher(root.dir, db), startWatcher(root.dir, db), startWatcher(root.dir, db)];
  await untilLogged(watchers, (w) => w.stderr().includes('driftwatch watch started'), 'three watchers to start');

  // Phase 1: three alive for a few periods.
  await sleep(PERIOD_S * 2 * 1000);
  const victim = watchers[0]!;
  victim.child.kill('SIGKILL');
  expect((await victim.exited).signal).toBe('SIGKILL');
  const killedAt = Date.now();

  // Phase 2: two survivors carry on.
  await sleep(PERIOD_S * 3 * 1000);
  const survivors = watchers.slice(1);
  for (const w of survivors) w.child.kill('SIGTERM');
  for (const w of survivors) expect(await w.exited, w.stderr().slice(-2000)).toEqual({ code: 0, signal: null });

  const runs = watchers.flatMap((w) => w.runs());
  expect(runs.every((r) => r.result === 'ok')).toBe(true);
  // Exactly once: no (connector, slot) pair ran on two instances.
  const keys = runs.map((r) => `${r.connector}@${r.slot}`);
  expect(new Set(keys).size).toBe(keys.length);
  // The work was shared, not all done by one instance.
  expect(new Set(runs.map((r) => r.instance)).size).toBeGreaterThanOrEqual(2);

  // Picked up after the death: from the first slot one period after the kill, every slot ran for every connector.
  // (One miss per connector is tolerated: a fire more than a second late on a loaded CI machine is skipped by node-cron.)
  const period = PERIOD_S * 1000;
  const lastSlot = Math.max(...runs.map((r) => Date.parse(r.slot)));
  const firstCovered = Math.ceil((killedAt + period) / period) * period;
  expect(lastSlot).toBeGreaterThanOrEqual(firstCovered + period);
  for (const connector of CONNECTORS) {
    const slots = new Set(runs.filter((r) => r.connector === connector).map((r) => Date.parse(r.slot)));
    const missing: string[] = [];
    for (let slot = firstCovered; slot <= lastSlot; slot += period) if (!slots.has(slot)) missing.push(new Date(slot).toISOString());
    expect(missing.length, `${connector} slots not run after the kill: ${missing.join(', ')}`).toBeLessThanOrEqual(1);
    expect(slots.has(firstCovered) || slots.has(firstCovered + period), `${connector} picked up within a period of the kill`).toBe(true);
  }

  // The store agrees with the logs: one watch run per executed (connector, slot), plus the victim's possibly cut one.
  const store = await openStore(db, root.dir, {});
  try {
    const stored = (await store.listRuns(10_000)).filter((r) => r.kind === 'watch');
    expect(stored.filter((r) => r.finished)).toHaveLength(runs.length);
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
