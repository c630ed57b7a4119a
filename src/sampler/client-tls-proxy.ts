// A forwarding proxy on 127.0.0.1 that presents the connector's client certificate: for tools that speak plain HTTP
// to a base URL and cannot do mTLS themselves (the Pact verifier of `verify --live`). The key never leaves this process.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { request, type Dispatcher } from 'undici';
import { redactText } from '../core/redact.js';

/** RFC 9110 §7.6.1: headers that describe one connection, never forwarded; `host` names the proxy, not the vendor. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host']);

/** A request the proxy could not deliver: the tool saw a 502 from the proxy, not an answer from the vendor. */
export interface Unreached {
  method: string;
  /** The path under the base URL's prefix, without the query (`/v1/accounts`). */
  path: string;
  message: string;
}

export interface ClientTlsProxy {
  /** `http://127.0.0.1:<port>` followed by the vendor base URL's path prefix: what the tool is pointed at. */
  baseUrl: string;
  unreached: Unreached[];
  close(): Promise<void>;
}

export interface ClientTlsProxyOptions {
  /** The vendor's base URL (`https://bank.example/api`); requests are forwarded to its origin, path as received. */
  target: string;
  /** The agent presenting the client certificate. */
  dispatcher: Dispatcher;
  timeoutMs: number;
  /** Values to scrub from an error answer (the key, its passphrase). */
  secrets: readonly string[];
}

function forwardable(headers: IncomingMessage['headers'] | Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) out[name] = value;
  return out;
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts the proxy; every request goes to the vendor once, as received (no retry: the tool decides what it sends). */
export async function startClientTlsProxy(options: ClientTlsProxyOptions): Promise<ClientTlsProxy> {
  const target = new URL(options.target);
  const prefix = target.pathname.replace(/\/+$/, '');
  const unreached: Unreached[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const body = await readAll(req);
    try {
      const answer = await request(new URL(req.url ?? '/', target.origin), {
        method: method as Dispatcher.HttpMethod,
        headers: forwardable(req.headers),
        ...(body.length > 0 ? { body } : {}),
        dispatcher: options.dispatcher,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
      res.writeHead(answer.statusCode, forwardable(answer.headers));
      for await (const chunk of answer.body) res.write(chunk);
      res.end();
    } catch (error) {
      // The tool reports what it received: say what went wrong on the way, in words with no secret in them.
      const why = redactText(error instanceof Error ? error.message : String(error), options.secrets);
      const pathname = new URL(req.url ?? '/', 'http://proxy').pathname;
      unreached.push({ method, path: pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : pathname, message: why });
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `driftwatch mTLS proxy could not reach ${target.origin}: ${why}` }));
    }
  };
  const server: Server = createServer((req, res) => void handle(req, res));
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${prefix}`,
    unreached,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
