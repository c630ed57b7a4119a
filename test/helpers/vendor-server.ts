// A scriptable local vendor API for tests: routes -> handlers on 127.0.0.1:0, with a request log and in-flight counts.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query as sent, e.g. `/v1/invoices?limit=2`. */
  path: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HandlerContext {
  url: URL;
  body: string;
  /** Values of `:name` segments in the matched route. */
  params: Record<string, string>;
  /** 1-based count of requests that matched this route so far (for "fail first, then succeed" scripts). */
  hit: number;
  /** Resolves when the client closes the connection before the response finished. */
  aborted: Promise<void>;
}

export type VendorHandler = (req: IncomingMessage, res: ServerResponse, ctx: HandlerContext) => void | Promise<void>;

/** Keys are `'GET /path/:id'` or just `'/path'` (any method). */
export type VendorRoutes = Record<string, VendorHandler>;

export interface VendorServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Highest number of requests being handled at the same time so far. */
  readonly maxInFlight: number;
  readonly inFlight: number;
  /** Number of responses whose connection was closed by the client before they finished. */
  readonly clientAborts: number;
  /** Adds or replaces a route while running (a "vendor release"). */
  route(key: string, handler: VendorHandler): void;
  close(): Promise<void>;
}

interface CompiledRoute {
  method: string | undefined;
  parts: string[];
  handler: VendorHandler;
  hits: number;
}

function compile(key: string, handler: VendorHandler): CompiledRoute {
  const [first, second] = key.trim().split(/\s+/, 2);
  const method = second === undefined ? undefined : first!.toUpperCase();
  const path = second ?? first!;
  return { method, parts: path.split('/').filter(Boolean), handler, hits: 0 };
}

function match(route: CompiledRoute, method: string, pathname: string): Record<string, string> | undefined {
  if (route.method !== undefined && route.method !== method) return undefined;
  const parts = pathname.split('/').filter(Boolean);
  if (parts.length !== route.parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const want = route.parts[i]!;
    const got = parts[i]!;
    if (want.startsWith(':')) params[want.slice(1)] = decodeURIComponent(got);
    else if (want !== got) return undefined;
  }
  return params;
}

/** Sends a JSON body with the given status and extra headers. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export async function startVendorServer(routes: VendorRoutes = {}): Promise<VendorServer> {
  const compiled: CompiledRoute[] = Object.entries(routes).map(([key, handler]) => compile(key, handler));
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let inFlight = 0;
  let maxInFlight = 0;
  let clientAborts = 0;

  const server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let settled = false;
    let onAborted: () => void = () => {};
    const aborted = new Promise<void>((resolve) => (onAborted = resolve));
    res.on('close', () => {
      if (!settled) {
        settled = true;
        inFlight--;
      }
      if (!res.writableFinished) {
        clientAborts++;
        onAborted();
      }
    });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', url, headers: req.headers, body });
      const method = (req.method ?? 'GET').toUpperCase();
      // Later routes win, so route() can override a path registered at start.
      for (let i = compiled.length - 1; i >= 0; i--) {
        const route = compiled[i]!;
        const params = match(route, method, url.pathname);
        if (!params) continue;
        route.hits++;
        Promise.resolve(route.handler(req, res, { url, body, params, hit: route.hits, aborted })).catch((error: unknown) => {
          if (!res.headersSent) sendJson(res, 500, { error: 'test handler threw', detail: String(error) });
          else res.destroy();
        });
        return;
      }
      sendJson(res, 404, { error: 'no such route', method, path: url.pathname });
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    get inFlight() {
      return inFlight;
    },
    get clientAborts() {
      return clientAborts;
    },
    route(key, handler) {
      compiled.push(compile(key, handler));
    },
    close() {
      return new Promise<void>((resolve) => {
        // Handlers that never answer (timeout tests) would keep close() waiting forever.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
    },
  };
}
