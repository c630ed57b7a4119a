// Alerts survive kill -9: a real child scans and notifies in a loop against a real local vendor and webhook receiver,
// is killed with SIGKILL at random points 20 times; after one flush every alert the store recorded arrived exactly once.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accept } from '../../src/app/accept.js';
import { flushOutbox } from '../../src/notify/flush-outbox.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';
import { startSlackReceiver, type SlackReceiver } from './slack-receiver.js';

// The compiled child, as the CLI tests use the built binary (`npm test` builds first): a tsx start costs ~2 s a kill.
const CHILD = fileURLToPath(new URL('../../dist/test/notify/fixtures/scan-loop.js', import.meta.url));
const KILLS = 20;
const CONNECTORS = 4;
/** Kill points are spread over the first this-many ms of a child's scanning: sampling, recording, flushing. */
const KILL_WINDOW_MS = 1_500;
const NEWS = new Set(['opened', 'reopened', 'escalated', 'resolved']);

interface Notification {
  runId: number;
  connector: string;
  changes: Array<{ event: string; fingerprint: string }>;
}

describe('kill -9 while scanning and notifying', () => {
  let vendor: VendorServer;
  let receiver: SlackReceiver;
  let root: TempRoot;
  let release: 'v1' | 'v2' = 'v1';

  beforeAll(async () => {
    receiver = await startSlackReceiver();
    vendor = await startVendorServer({
      'POST /_release/next': (_req, res) => {
        release = release === 'v1' ? 'v2' : 'v1';
        sendJson(res, 200, { release });
      },
      // v2 turns every amount into a string: a breaking change on a page of 20, undone by v1.
      'GET /c/:c/items': (_req, res) =>
        sendJson(res, 200, { data: Array.from({ length: 20 }, (_, i) => ({ id: `it_${i}`, amount: release === 'v1' ? 100 * i : String(100 * i), status: 'paid' })) }),
    });
    root = await makeTempRoot('driftwatch-kill-notify-');
    for (let c = 0; c < CONNECTORS; c++) {
      await root.writeConnector(`c${c}`, connectorBody(vendor.url, [{ id: 'list-items', path: `/c/c${c}/items` }]));
    }
  });
  afterAll(async () => {
    await vendor.close();
    await receiver.close();
    await root.cleanup();
  });

  it('loses no alert and doubles none', async () => {
    const db = join(root.dir, '.driftwatch', 'history.db');
    const env = { ...process.env, DRIFTWATCH_WEBHOOK_URL: receiver.webhook('/hooks/driftwatch') };
    const setup = await openSqliteStore(db);
    await accept({ root: root.dir, store: setup, env: {}, now: () => new Date() });
    await setup.close();

    const delays: number[] = [];
    let scans = 0;
    for (let k = 0; k < KILLS; k++) {
      const child = spawn(process.execPath, [CHILD, root.dir, db, vendor.url], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      await new Promise<void>((resolve, reject) => {
        const poll = setInterval(() => {
          if (out.includes('ready')) {
            clearInterval(poll);
            resolve();
          }
        }, 5);
        void exited.then(() => {
          clearInterval(poll);
          reject(new Error(`child exited before it was ready: ${err}`));
        });
      });
      const delay = Math.round(Math.random() * KILL_WINDOW_MS);
      delays.push(delay);
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      expect(await exited, `kill ${k} after ${delay} ms: ${err}`).toBe('SIGKILL');
      scans += (out.match(/^scan \d+/gm) ?? []).length;
    }

    const file = new Database(db, { readonly: true });
    expect(file.pragma('integrity_check', { simple: true })).toBe('ok');
    file.close();

    // One flush afterwards, with a clock past every claim lease and retry backoff a killed child left behind.
    const store = await openSqliteStore(db);
    try {
      const later = () => new Date(Date.now() + 3 * 3_600_000);
      // Unpaced: pacing is tested on an injected clock (flush-outbox.test.ts); here only exactly-once matters.
      const flushed = await flushOutbox(store, { env, now: later, paceMs: 0 });
      expect(flushed.failed).toEqual([]);
      expect(await store.listOutbox({ pending: true })).toEqual([]);

      // Every alert the store recorded (a story line of news, by run) is in exactly one message, and that message arrived.
      const drifts = new Map((await store.listDrifts()).map((d) => [d.fingerprint, d]));
      const alerts = (await store.listEvents())
        .filter((e) => NEWS.has(e.kind) && e.runId !== null)
        .filter((e) => drifts.get(e.fingerprint)?.severity !== 'info' && !drifts.get(e.fingerprint)?.suppressed)
        .map((e) => `${e.runId}:${e.fingerprint}:${e.kind}`);
      expect(alerts.length, `scans finished before the kills: ${scans}; delays ${delays.join(',')}`).toBeGreaterThan(CONNECTORS);

      const accepted = receiver.received.filter((r) => r.status === 200);
      const byKey = new Map<string, Notification>();
      for (const r of accepted) {
        expect(r.key, 'every delivery carries its idempotency key').not.toBeNull();
        byKey.set(r.key!, r.body as Notification);
      }
      const outbox = await store.listOutbox();
      expect([...byKey.keys()].sort()).toEqual(outbox.map((m) => m.key).sort());
      // A message may reach the receiver twice only when a kill fell between its delivery and its mark (same key).
      for (const m of outbox) expect(accepted.filter((r) => r.key === m.key).length).toBeLessThanOrEqual(m.attempts);

      const delivered = [...byKey.values()].flatMap((n) => n.changes.map((ch) => `${n.runId}:${ch.fingerprint}:${ch.event}`));
      expect(new Set(delivered).size, 'an alert under two different messages is a double').toBe(delivered.length);
      expect(delivered.sort()).toEqual(alerts.sort());
      if (process.env['KILL_STATS']) console.log(JSON.stringify({ scans, alerts: alerts.length, messages: outbox.length, posts: accepted.length, finalFlush: flushed.delivered.length }));
    } finally {
      await store.close();
    }
  }, 180_000);
});
