// Load figure for `driftwatch receive`: Stripe-signed invoice.paid deliveries POSTed on loopback by 16 concurrent
// senders; deliveries judged per second (answered, bounded, redacted, then judged in batches into SQLite) and the p95
// answer latency, beside an anchor measured in the same run: a bare node:http server answering 202 to the same load.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { accept } from '../../src/app/accept.js';
import { startReceiver } from '../../src/app/receive.js';
import { signDelivery } from '../../src/events/signature.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { invoicePaid } from '../helpers/deliveries.js';
import { connectorBody, makeTempRoot } from '../helpers/temp-root.js';
import { median, percentile, type Benchmark } from './bench.js';

const SECRET = 'whsec_bench_receive_0001';
const DELIVERIES = Number(process.env.DRIFTWATCH_BENCH_DELIVERIES ?? 6000);
const SENDERS = 16;
const GOAL_PER_S = 500;
const GOAL_P95_MS = 50;

interface Load {
  latencies: number[];
  elapsedMs: number;
}

/** POSTs `bodies` to `url` from SENDERS concurrent senders; each answer's latency in ms. */
async function load(url: string, bodies: readonly string[], dispatcher: Agent): Promise<Load> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      for (let i = next++; i < bodies.length; i = next++) {
        const body = bodies[i]!;
        const headers = { 'content-type': 'application/json', 'stripe-signature': signDelivery({ scheme: 'stripe' }, body, SECRET, Math.floor(Date.now() / 1000)) };
        const t0 = performance.now();
        const res = await request(url, { method: 'POST', headers, body, dispatcher });
        await res.body.dump();
        latencies.push(performance.now() - t0);
        if (res.statusCode !== 202) throw new Error(`answered ${res.statusCode}`);
      }
    }),
  );
  return { latencies, elapsedMs: performance.now() - started };
}

async function anchor(bodies: readonly string[], dispatcher: Agent): Promise<Load> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}\n'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await load(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/billing`, bodies, dispatcher);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export const receiveBenchmark: Benchmark = {
  name: `receive: ${DELIVERIES} signed webhook deliveries from ${SENDERS} senders on loopback`,
  async run(print) {
    const root = await makeTempRoot('driftwatch-bench-receive-');
    const store = await openSqliteStore(join(root.dir, '.driftwatch', 'history.db'));
    const dispatcher = new Agent({ connections: SENDERS, pipelining: 1 });
    const env = { LEDGERLY_WEBHOOK_SECRET: SECRET };
    const now = () => new Date();
    try {
      await root.writeConnector('billing', connectorBody('http://127.0.0.1:9', [{ id: 'list-invoices', path: '/v1/invoices' }], { events: { typeField: 'type', signature: { scheme: 'stripe', secretEnv: 'LEDGERLY_WEBHOOK_SECRET' } } }));
      const receiver = await startReceiver({ root: root.dir, store, env, now, port: 0, notify: false });
      const url = `${receiver.url}/hooks/billing`;
      // A baseline first, so the measured batches are judged against an accepted event type, as in steady state.
      await load(url, Array.from({ length: 200 }, (_, i) => JSON.stringify(invoicePaid(i))), dispatcher);
      await receiver.queue.flush();
      await accept({ root: root.dir, store, env, now, events: true });
      const bodies = Array.from({ length: DELIVERIES }, (_, i) => JSON.stringify(invoicePaid(1000 + i)));
      // Twice, the second counted: the first pays the senders' own warm-up (JIT, HMAC, sockets).
      await anchor(bodies, dispatcher);
      const base = await anchor(bodies, dispatcher);
      const before = receiver.queue.stats();
      const started = performance.now();
      const measured = await load(url, bodies, dispatcher);
      await receiver.queue.flush();
      const judgedMs = performance.now() - started;
      const after = receiver.queue.stats();
      await receiver.close();
      const judged = after.judged - before.judged;
      const perS = judged / (judgedMs / 1000);
      const p95 = percentile(measured.latencies, 95);
      const anchorP95 = percentile(base.latencies, 95);
      print(`judged ${judged} deliveries in ${(judgedMs / 1000).toFixed(2)} s in ${after.batches - before.batches} batches: ${perS.toFixed(0)} deliveries/s (goal >= ${GOAL_PER_S}/s: ${perS >= GOAL_PER_S ? 'met' : 'NOT met'})`);
      print(`answer latency: p50 ${median(measured.latencies).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (goal < ${GOAL_P95_MS} ms: ${p95 < GOAL_P95_MS ? 'met' : 'NOT met'}), max ${Math.max(...measured.latencies).toFixed(1)} ms`);
      print(`anchor (bare node:http answering 202, same senders): p95 ${anchorP95.toFixed(1)} ms, ${(DELIVERIES / (base.elapsedMs / 1000)).toFixed(0)} answers/s; receive's p95 is ${(p95 / anchorP95).toFixed(1)}x the anchor's`);
      print(`answered (202) at ${(DELIVERIES / (measured.elapsedMs / 1000)).toFixed(0)} deliveries/s; refused ${Object.values(after.rejected).reduce((n, v) => n + (v ?? 0), 0)}, failed batches ${after.failed}`);
    } finally {
      await dispatcher.close();
      await store.close();
      await root.cleanup();
    }
  },
};
