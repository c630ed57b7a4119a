// The receive use case: webhook deliveries over HTTP (POST /hooks/<connector>), answered at once and judged in small
// batches through the scan's pipeline. The queue is shared with the watch daemon, which serves /hooks/ on its port.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Connector, Sample, SeverityCounts } from '../core/model.js';
import { formatProblem } from '../core/format-problem.js';
import { operationalError } from '../errors.js';
import { loadConnectors } from '../config/load-connectors.js';
import { handleHook, type HookReject, type HookSink } from '../events/hook-handler.js';
import type { FlushOptions } from '../notify/flush-outbox.js';
import type { ScanResult } from '../report/model/scan.js';
import type { RunKind } from '../store/tables.js';
import { judgeDeliveries, type DeliveryBatch } from './judge-deliveries.js';
import type { ScanStore } from './scan.js';

/** Deliveries judged together at most: one batch is one run in the history. */
export const DEFAULT_BATCH_SIZE = 500;
/** How long the first delivery of a batch waits for company before the batch is judged. */
export const DEFAULT_BATCH_MS = 1000;

export interface ReceiveStats {
  /** Deliveries answered 202 (accepted for judging). */
  accepted: number;
  /** Of those, judged so far. */
  judged: number;
  /** Refused deliveries by reason (never judged, never kept). */
  rejected: Partial<Record<HookReject, number>>;
  batches: number;
  /** Findings of the batches judged so far (a drift seen again in several batches counts in each). */
  findings: SeverityCounts;
  lastRunId: number | null;
  /** Batches whose judging failed (the store was down...): their deliveries are counted here, not judged. */
  failed: number;
}

export interface DeliveryQueueOptions {
  root: string;
  store: ScanStore;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  notify?: false | { flush?: Omit<FlushOptions, 'env' | 'now'> };
  batchSize?: number;
  batchMs?: number;
  runKind?: RunKind;
  /** Called after each judged batch with its result (the CLI logs it). */
  onJudged?: (result: ScanResult) => void;
  onError?: (error: unknown) => void;
}

export interface DeliveryQueue {
  /** The hook handler's sink, for any HTTP server that routes /hooks/ to it. */
  sink(connector: (name: string) => Connector | undefined): HookSink;
  /** Judges what is pending now (and waits for a batch being judged). */
  flush(): Promise<void>;
  stats(): ReceiveStats;
  /** Stops the timer and judges what is pending. */
  close(): Promise<void>;
}

interface Pending {
  connector: Connector;
  samples: Sample[];
  signatures: { rejected: number; verified: number; reason: string };
}

export function createDeliveryQueue(options: DeliveryQueueOptions): DeliveryQueue {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const batchMs = options.batchMs ?? DEFAULT_BATCH_MS;
  const stats: ReceiveStats = { accepted: 0, judged: 0, rejected: {}, batches: 0, findings: { breaking: 0, warning: 0, info: 0 }, lastRunId: null, failed: 0 };
  let pending = new Map<string, Pending>();
  let count = 0;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();
  let closed = false;

  const slot = (connector: Connector): Pending => {
    let entry = pending.get(connector.name);
    if (entry === undefined) {
      entry = { connector, samples: [], signatures: { rejected: 0, verified: 0, reason: '' } };
      pending.set(connector.name, entry);
    }
    return entry;
  };
  const judge = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const taken = [...pending.values()];
    const size = count;
    pending = new Map();
    count = 0;
    if (taken.length === 0) return chain;
    // One batch at a time: the next waits for the store, so batches never race on a drift.
    chain = chain.then(async () => {
      const batches: DeliveryBatch[] = taken.map((p) => ({ connector: p.connector, samples: p.samples, errors: [], signatures: p.signatures }));
      try {
        const result = await judgeDeliveries({
          root: options.root,
          store: options.store,
          env: options.env,
          now: options.now,
          batches,
          runKind: options.runKind ?? 'watch',
          ...(options.notify !== undefined ? { notify: options.notify } : {}),
        });
        stats.judged += size;
        stats.batches += 1;
        stats.lastRunId = result.runId;
        for (const key of ['breaking', 'warning', 'info'] as const) stats.findings[key] += result.summary[key];
        options.onJudged?.(result);
      } catch (error) {
        stats.failed += size;
        options.onError?.(error);
      }
    });
    return chain;
  };
  const schedule = (): void => {
    if (closed) return;
    if (count >= batchSize) void judge();
    else if (timer === undefined) {
      timer = setTimeout(() => void judge(), batchMs);
      timer.unref();
    }
  };

  return {
    sink: (connector) => ({
      connector,
      env: options.env,
      now: options.now,
      accepted(c, sample) {
        stats.accepted += 1;
        slot(c).samples.push(sample);
        count += 1;
        schedule();
      },
      rejected(_c, reason) {
        stats.rejected[reason] = (stats.rejected[reason] ?? 0) + 1;
      },
      signature(c, ok, reason) {
        const entry = slot(c).signatures;
        if (ok) entry.verified += 1;
        else {
          entry.rejected += 1;
          entry.reason = reason;
        }
        // A batch of bad signatures alone is still judged (it is a finding).
        if (!ok) schedule();
      },
    }),
    flush: judge,
    stats: () => structuredClone(stats),
    async close() {
      closed = true;
      await judge();
    },
  };
}

export interface ReceiveOptions extends DeliveryQueueOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1; a relay or tunnel in front of it decides who may reach it. */
  host?: string;
}

export interface Receiver {
  url: string;
  port: number;
  /** The connectors that receive deliveries (those with an events: section). */
  connectors: string[];
  /** Connector files that did not load, as text. */
  problems: string[];
  /** Connectors whose signing secret's env var is unset: their deliveries are refused (503) until it is set. */
  warnings: string[];
  queue: DeliveryQueue;
  close(): Promise<void>;
}

/** Loads the connectors, then serves POST /hooks/<connector>, GET /healthz and GET /stats until closed. */
export async function startReceiver(options: ReceiveOptions): Promise<Receiver> {
  const loaded = await loadConnectors(options.root);
  const byName = new Map(loaded.connectors.map((c) => [c.name, c] as const));
  const queue = createDeliveryQueue(options);
  const sink = queue.sink((name) => byName.get(name));
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (handleHook(req, res, sink)) return;
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && (path === '/healthz' || path === '/stats')) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(`${JSON.stringify(path === '/stats' ? queue.stats() : { status: 'ok' })}\n`);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: POST /hooks/<connector>, GET /healthz, GET /stats\n');
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw operationalError(`port ${options.port} is already in use: pick another with --port`);
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    connectors: loaded.connectors.filter((c) => c.events !== undefined).map((c) => c.name),
    problems: loaded.problems.map((p) => formatProblem(p, options.root)),
    warnings: loaded.connectors.flatMap((c) => {
      const name = c.events?.signature?.secretEnv;
      return name !== undefined && !options.env[name] ? [`${c.name}: $${name} is not set: its deliveries are refused (503) until it is`] : [];
    }),
    queue,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets would hold close() open; deliveries in flight already got their answer.
        for (const socket of sockets) socket.destroy();
      });
      await queue.close();
    },
  };
}
