// The daemon's small HTTP endpoint on 127.0.0.1: /healthz (JSON), /metrics (Prometheus text), and /hooks/ when given.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface HealthReport {
  /** 200 when `ok`, 503 otherwise (stopping, or the store is failing). */
  status: 'ok' | 'degraded' | 'stopping';
  [key: string]: unknown;
}

export interface HealthServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1: the endpoint says which vendors are failing, which is nobody else's business. */
  host?: string;
  health: () => Promise<HealthReport> | HealthReport;
  metrics: () => Promise<string>;
  metricsContentType: string;
  /** Webhook deliveries (POST /hooks/<connector>): handled here when it says so. */
  hooks?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

export interface HealthServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    if (options.hooks?.(req, res)) return;
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
      return;
    }
    const answer = async (): Promise<void> => {
      if (path === '/healthz') {
        const report = await options.health();
        const text = `${JSON.stringify(report)}\n`;
        res.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : text);
        return;
      }
      if (path === '/metrics') {
        const text = await options.metrics();
        res.writeHead(200, { 'content-type': options.metricsContentType, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : text);
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz or /metrics\n');
    };
    answer().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        // A scraper's keep-alive socket would keep close() waiting.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
