// Nothing is lost, nothing is doubled: a scan killed with SIGKILL mid-write, and two scans racing on one store.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { accept } from '../../src/app/accept.js';
import { scan } from '../../src/app/scan.js';
import { startWatch } from '../../src/schedule/daemon.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';

const CHILD = fileURLToPath(new URL('./fixtures/scan-child.ts', import.meta.url));

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function spawnScan(root: string, db: string, env: Record<string, string>, wait: boolean): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, root, db, ...(wait ? ['--wait'] : [])], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return child;
}

function collect(child: ChildProcessWithoutNullStreams): { out: () => string; err: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { out: () => out, err: () => err, exited };
}

async function until(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function setupRoot(vendor: VendorServer, connectors: number, endpoints: number): Promise<TempRoot> {
  const root = await makeTempRoot('driftwatch-crash-');
  cleanups.push(() => root.cleanup());
  for (let c = 0; c < connectors; c++) {
    const list = Array.from({ length: endpoints }, (_, e) => ({ id: `e${e}`, path: `/c${c}/e${e}` }));
    await root.writeConnector(`c${String(c).padStart(2, '0')}`, connectorBody(vendor.url, list, { timeoutMs: 20_000 }));
  }
  return root;
}

describe('kill -9 of a scan in the middle of writing', () => {
  it('leaves a store that passes integrity_check, with the run marked unfinished on the next start', async () => {
    // Half the connectors answer at once (their samples are being written), half never answer: the scan is mid-way.
    let answered = 0;
    const vendor = await startVendorServer({
      '/:c/:e': (_req, res, ctx) => {
        if (Number(ctx.params.c!.slice(1)) >= 20) return;
        answered++;
        setTimeout(() => sendJson(res, 200, { id: `${ctx.params.c}-${ctx.params.e}`, items: Array.from({ length: 50 }, (_, i) => ({ i, name: `item ${i}` })) }), Math.random() * 30);
      },
    });
    cleanups.push(() => vendor.close());
    const root = await setupRoot(vendor, 30, 5);
    const db = join(root.dir, '.driftwatch', 'history.db');
    const child = spawnScan(root.dir, db, {}, false);
    const io = collect(child);

    // Watch the file from outside, as an operator would, and pull the plug once samples are landing.
    const reader = (): { samples: number; unfinished: number } | null => {
      try {
        const conn = new Database(db, { readonly: true, fileMustExist: true });
        try {
          const samples = (conn.prepare('SELECT count(*) AS n FROM samples').get() as { n: number }).n;
          const unfinished = (conn.prepare('SELECT count(*) AS n FROM runs WHERE finished = 0').get() as { n: number }).n;
          return { samples, unfinished };
        } finally {
          conn.close();
        }
      } catch {
        return null;
      }
    };
    await until(() => (reader()?.samples ?? 0) >= 25, 20_000, `samples to be written (${io.err()})`);
    child.kill('SIGKILL');
    expect((await io.exited).signal).toBe('SIGKILL');
    expect(answered).toBeGreaterThan(0);

    const conn = new Database(db);
    expect(conn.pragma('integrity_check', { simple: true })).toBe('ok');
    conn.close();

    const store = await openSqliteStore(db);
    cleanups.push(() => store.close());
    const unfinished = await store.unfinishedRuns();
    expect(unfinished).toHaveLength(1);
    expect(unfinished[0]).toMatchObject({ kind: 'scan', finished: false, finishedAt: null });
    const kept = await store.listSamples({});
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((s) => s.runId === unfinished[0]!.id)).toBe(true);

    // The next start says so, and carries on with a store that works.
    const logs: string[] = [];
    const daemon = await startWatch({
      root: root.dir,
      store,
      location: { kind: 'sqlite', file: db },
      env: {},
      watchFiles: false,
      reloadIntervalMs: 0,
      outboxIntervalMs: 0,
      defaultMetrics: false,
      logDestination: { write: (line: string) => void logs.push(line) },
    });
    await daemon.stop();
    const warning = logs.map((l) => JSON.parse(l) as { msg: string; runs?: Array<{ id: number }> }).find((l) => l.msg.includes('never finished'));
    expect(warning?.runs?.map((r) => r.id)).toEqual([unfinished[0]!.id]);
    const next = await scan({ root: root.dir, store, env: {}, now: () => new Date(), connector: 'c00' });
    expect(next.connectors[0]!.outcomes.every((o) => o.ok)).toBe(true);
  }, 45_000);
});

describe('two scans started at once on the same store', () => {
  it('write no duplicate drift rows and send no duplicate notifications', async () => {
    let release: 'v1' | 'v2' = 'v1';
    const deliveries: string[] = [];
    const vendor = await startVendorServer({
      'GET /v1/invoices': (_req, res) =>
        sendJson(res, 200, {
          data: Array.from({ length: 10 }, (_, i) =>
            release === 'v1'
              ? { id: `inv_${i}`, amount_due: 1200 + i, status: 'open', customer: 'cus_1' }
              : { id: `inv_${i}`, amount_due: String(1200 + i), status: 'open' },
          ),
        }),
      'POST /hook': (_req, res, ctx) => {
        deliveries.push(ctx.body);
        sendJson(res, 200, { ok: true });
      },
    });
    cleanups.push(() => vendor.close());
    const root = await makeTempRoot('driftwatch-race-');
    cleanups.push(() => root.cleanup());
    await root.writeConnector('billing', connectorBody(vendor.url, [{ id: 'list-invoices', path: '/v1/invoices' }]));
    const db = join(root.dir, '.driftwatch', 'history.db');
    const store = await openSqliteStore(db);
    cleanups.push(() => store.close());
    await accept({ root: root.dir, store, env: {}, now: () => new Date() });
    release = 'v2';

    const env = { DRIFTWATCH_WEBHOOK_URL: `${vendor.url}/hook` };
    const children = [spawnScan(root.dir, db, env, true), spawnScan(root.dir, db, env, true)].map((child) => ({ child, io: collect(child) }));
    await until(() => children.every((c) => c.io.out().includes('ready')), 20_000, 'both scans to be ready');
    for (const { child } of children) child.stdin.write('go\n');
    const exits = await Promise.all(children.map((c) => c.io.exited));
    children.forEach((c, i) => expect(exits[i], c.io.err()).toMatchObject({ code: 0 }));
    const reports = children.map((c) => JSON.parse(c.io.out().split('\n').find((l) => l.startsWith('{'))!) as { runId: number; events: string[]; enqueued: number; delivered: number });

    expect(new Set(reports.map((r) => r.runId)).size).toBe(2);
    const drifts = await store.listDrifts();
    expect(drifts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(drifts.map((d) => d.fingerprint)).size).toBe(drifts.length);
    // Every drift was opened by exactly one of the two runs; the other merely saw it.
    const opened = reports.flatMap((r) => r.events.filter((e) => e.startsWith('opened:')));
    expect(opened.sort()).toEqual(drifts.map((d) => `opened:${d.fingerprint}`).sort());

    const outbox = await store.listOutbox();
    expect(outbox).toHaveLength(1);
    expect(reports.reduce((n, r) => n + r.enqueued, 0)).toBe(1);
    expect(deliveries).toHaveLength(1);
    expect(outbox[0]!.deliveredAt).not.toBeNull();
  }, 45_000);
});
