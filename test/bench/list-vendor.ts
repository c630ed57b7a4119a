// The benchmarks' vendor: every path ending in a number answers a small page of invoices, after an optional delay.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { invoice } from '../../src/demo/ledgerly-data.js';

export interface ListVendor {
  url: string;
  close(): Promise<void>;
}

export async function startListVendor(options: { itemsPerPage: number; latencyMs?: number }): Promise<ListVendor> {
  const server: Server = createServer((req, res) => {
    const answer = (): void => {
      const index = Number(/(\d+)$/.exec(req.url ?? '')?.[1] ?? 0);
      const page = Array.from({ length: options.itemsPerPage }, (_, i) => invoice((index + i) % 5000, 'v1'));
      const text = JSON.stringify({ object: 'list', data: page });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    if (options.latencyMs) setTimeout(answer, options.latencyMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
