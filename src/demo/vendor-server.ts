// The demo vendor as a real HTTP server on 127.0.0.1 (ephemeral port by default), with a switchable release.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { customerList, invoice, invoiceList, type Release } from './ledgerly-data.js';

export const DEMO_TOKEN_ENV = 'LEDGERLY_API_KEY';

export interface DemoVendor {
  url: string;
  release: Release;
  setRelease(release: Release): void;
  close(): Promise<void>;
}

export interface DemoVendorOptions {
  port?: number;
  release?: Release;
  /** The bearer token the vendor accepts; requests without it get 401, as a real vendor's would. */
  token: string;
}

export async function startDemoVendor(options: DemoVendorOptions): Promise<DemoVendor> {
  let release: Release = options.release ?? 'v1';
  // Like a real billing API, the invoice list shows the newest invoices: each request sees the window moved on a
  // little, so repeated samples are different evidence, not byte-identical copies.
  let listed = 0;
  const server = createServer((req, res) => handle(req, res, release, options.token, () => listed++));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get release() {
      return release;
    },
    setRelease(next) {
      release = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function handle(req: IncomingMessage, res: ServerResponse, release: Release, token: string, nextListing: () => number): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.headers.authorization !== `Bearer ${token}`) {
    return send(res, 401, { error: { type: 'invalid_request_error', message: 'Invalid API key provided' } });
  }
  if (req.method !== 'GET') return send(res, 405, { error: { type: 'invalid_request_error', message: 'Method not allowed' } });
  if (url.pathname === '/v1/invoices') {
    const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 24), 1), 100);
    const offset = (nextListing() * 5) % (100 - limit + 1);
    return send(res, 200, invoiceList(release, limit, offset));
  }
  const one = /^\/v1\/invoices\/inv_(\d{4})$/.exec(url.pathname);
  if (one) {
    const index = Number(one[1]) - 1;
    if (index >= 0 && index < 100) return send(res, 200, invoice(index, release));
  }
  if (url.pathname === '/v1/customers') return send(res, 200, customerList(release));
  return send(res, 404, { error: { type: 'invalid_request_error', message: `No such resource: ${url.pathname}` } });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-ledgerly-version': '2026-11-01',
  });
  res.end(text);
}
