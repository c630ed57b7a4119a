// A local vendor that misbehaves on purpose: every fault the reliability suite throws at the sampler, one route each.
import { execFile } from 'node:child_process';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';

const run = promisify(execFile);

export interface FaultVendor {
  server: VendorServer;
  url: string;
  /** Bytes each streaming route managed to write before the client hung up. */
  bytesWritten: Map<string, number>;
  close(): Promise<void>;
}

const MB = 1024 * 1024;
/** Decompresses to 256 MB; 263 KB on the wire (256 concatenated gzip members of 1 MB of zeros). */
export const GZIP_BOMB_DECODED = 256 * MB;
const gzipBomb = (): Buffer => {
  const member = gzipSync(Buffer.alloc(MB));
  return Buffer.concat(Array.from({ length: GZIP_BOMB_DECODED / MB }, () => member));
};

export async function startFaultVendor(): Promise<FaultVendor> {
  const bytesWritten = new Map<string, number>();
  const bomb = gzipBomb();
  const server = await startVendorServer({
    '/healthy': (_req, res) => sendJson(res, 200, { id: 'ok_1', status: 'active', amount: 1200 }),
    '/reset-mid-body': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.write('{"data":[{"id":"inv_1","amount":');
      // Give the bytes a moment to leave, then cut the connection (RST) halfway through the promised body.
      setTimeout(() => res.socket?.resetAndDestroy(), 10);
    },
    '/headers-never-sent': () => {},
    '/drip': (_req, res, ctx) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const body = '{"id":"drip_1","status":"active"}';
      let i = 0;
      const timer = setInterval(() => {
        if (i >= body.length) {
          clearInterval(timer);
          res.end();
          return;
        }
        res.write(body[i++]!);
      }, 1_000);
      void ctx.aborted.then(() => clearInterval(timer));
    },
    '/status-500': (_req, res) => sendJson(res, 500, { error: 'internal' }),
    '/status-502': (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body>Bad Gateway</body></html>');
    },
    '/status-503': (_req, res) => sendJson(res, 503, { error: 'maintenance' }, { 'retry-after': '1' }),
    '/throttled': (_req, res) => sendJson(res, 429, { error: 'slow down' }, { 'retry-after': '30' }),
    '/throttled-once': (_req, res, ctx) =>
      ctx.hit === 1 ? sendJson(res, 429, { error: 'slow down' }, { 'retry-after': '1' }) : sendJson(res, 200, { id: 'thr_1' }),
    '/malformed-json': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end("{'id': 'single quotes are not JSON', status: active}");
    },
    '/truncated-json': (_req, res) => {
      const text = '{"data":[{"id":"inv_1","amount":1200},{"id":"inv_2","am';
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
    },
    '/wrong-content-type': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><body><h1>Log in to continue</h1></body></html>');
    },
    '/endless': (_req, res, ctx) => {
      // A body with no end: 256 MB if nobody stops reading.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"items":[');
      const chunk = Buffer.from(`${'"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",'.repeat(1024)}`);
      let sent = 0;
      let stopped = false;
      void ctx.aborted.then(() => (stopped = true));
      res.on('error', () => {});
      const pump = (): void => {
        while (!stopped && sent < 256 * MB) {
          sent += chunk.length;
          bytesWritten.set('/endless', sent);
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!stopped) res.end('"x"]}');
      };
      pump();
    },
    '/declared-too-large': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(512 * MB) });
      res.write('{"items":[');
      setTimeout(() => res.destroy(), 2_000).unref();
    },
    '/gzip-bomb': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
      res.end(bomb);
    },
    '/redirect-loop': (_req, res) => {
      res.writeHead(302, { location: '/redirect-loop-b' });
      res.end();
    },
    '/redirect-loop-b': (_req, res) => {
      res.writeHead(302, { location: '/redirect-loop' });
      res.end();
    },
  });
  return { server, url: server.url, bytesWritten, close: () => server.close() };
}

export { closedPort } from '../helpers/closed-port.js';

export interface TlsVendors {
  /** A self-signed certificate nobody trusts. */
  selfSignedUrl: string;
  /** A certificate from `caPem` that expired yesterday. */
  expiredUrl: string;
  caPem: string;
  close(): Promise<void>;
}

/** Two HTTPS vendors with certificates generated by openssl for this run: one self-signed, one expired. */
export async function startTlsVendors(): Promise<TlsVendors> {
  const dir = await mkdtemp(join(tmpdir(), 'driftwatch-tls-'));
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const p = (name: string): string => join(dir, name);
  await writeFile(p('ext'), 'subjectAltName=IP:127.0.0.1\n');
  await run('openssl', ['req', '-x509', ...key, '-keyout', p('self.key'), '-out', p('self.pem'), '-days', '30', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
  await run('openssl', ['req', '-x509', ...key, '-keyout', p('ca.key'), '-out', p('ca.pem'), '-days', '30', '-subj', '/CN=driftwatch test CA']);
  await run('openssl', ['req', ...key, '-keyout', p('leaf.key'), '-out', p('leaf.csr'), '-subj', '/CN=127.0.0.1']);
  // -days -1: valid from now until yesterday, i.e. already expired.
  await run('openssl', ['x509', '-req', '-in', p('leaf.csr'), '-CA', p('ca.pem'), '-CAkey', p('ca.key'), '-CAcreateserial', '-out', p('leaf.pem'), '-days', '-1', '-extfile', p('ext')]);
  const [selfKey, selfCert, leafKey, leafCert, caPem] = await Promise.all(
    ['self.key', 'self.pem', 'leaf.key', 'leaf.pem', 'ca.pem'].map((f) => readFile(p(f), 'utf8')),
  );
  await rm(dir, { recursive: true, force: true });

  const answer = (_req: unknown, res: import('node:http').ServerResponse): void => sendJson(res, 200, { id: 'tls_1' });
  const servers: HttpsServer[] = [
    createHttpsServer({ key: selfKey, cert: selfCert }, answer),
    createHttpsServer({ key: leafKey, cert: leafCert }, answer),
  ];
  const sockets = new Set<Socket>();
  const urls: string[] = [];
  for (const server of servers) {
    server.on('connection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    // Handshake failures are the point here; they must not print noise or crash the test process.
    server.on('tlsClientError', () => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    urls.push(`https://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
  return {
    selfSignedUrl: urls[0]!,
    expiredUrl: urls[1]!,
    caPem: caPem!,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}
