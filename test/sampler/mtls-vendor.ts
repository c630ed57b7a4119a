// An HTTPS vendor on 127.0.0.1 that requires a client certificate, with a CA, server and client certificates made by openssl.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { promisify } from 'node:util';
import { sendJson } from '../helpers/vendor-server.js';

const run = promisify(execFile);

export interface MtlsPki {
  dir: string;
  caPem: string;
  clientCertPem: string;
  clientKeyPem: string;
  /** A second client, from a CA the vendor does not trust. */
  strangerCertPem: string;
  strangerKeyPem: string;
  /** Files in `dir`: ca.pem, client.pem, client.key, stranger.pem, stranger.key. */
  file(name: string): string;
  cleanup(): Promise<void>;
}

/** A CA, a server certificate for 127.0.0.1 and a client certificate valid for `clientDays` days (EC keys: fast). */
export async function makePki(clientDays = 5): Promise<MtlsPki> {
  const dir = await mkdtemp(join(tmpdir(), 'driftwatch-mtls-'));
  const p = (name: string): string => join(dir, name);
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await writeFile(p('server.ext'), 'subjectAltName=IP:127.0.0.1\n');
  await writeFile(p('client.ext'), 'extendedKeyUsage=clientAuth\n');
  await run('openssl', ['req', '-x509', ...key, '-keyout', p('ca.key'), '-out', p('ca.pem'), '-days', '30', '-subj', '/CN=driftwatch test CA']);
  await run('openssl', ['req', '-x509', ...key, '-keyout', p('other-ca.key'), '-out', p('other-ca.pem'), '-days', '30', '-subj', '/CN=someone else']);
  await run('openssl', ['req', ...key, '-keyout', p('server.key'), '-out', p('server.csr'), '-subj', '/CN=127.0.0.1']);
  await run('openssl', ['x509', '-req', '-in', p('server.csr'), '-CA', p('ca.pem'), '-CAkey', p('ca.key'), '-CAcreateserial', '-out', p('server.pem'), '-days', '30', '-extfile', p('server.ext')]);
  await run('openssl', ['req', ...key, '-keyout', p('client.key'), '-out', p('client.csr'), '-subj', '/CN=acme-connector']);
  await run('openssl', ['x509', '-req', '-in', p('client.csr'), '-CA', p('ca.pem'), '-CAkey', p('ca.key'), '-CAcreateserial', '-out', p('client.pem'), '-days', String(clientDays), '-extfile', p('client.ext')]);
  await run('openssl', ['req', ...key, '-keyout', p('stranger.key'), '-out', p('stranger.csr'), '-subj', '/CN=stranger']);
  await run('openssl', ['x509', '-req', '-in', p('stranger.csr'), '-CA', p('other-ca.pem'), '-CAkey', p('other-ca.key'), '-CAcreateserial', '-out', p('stranger.pem'), '-days', '30', '-extfile', p('client.ext')]);
  const [caPem, clientCertPem, clientKeyPem, strangerCertPem, strangerKeyPem] = await Promise.all(
    ['ca.pem', 'client.pem', 'client.key', 'stranger.pem', 'stranger.key'].map((f) => readFile(p(f), 'utf8')),
  );
  return { dir, caPem: caPem!, clientCertPem: clientCertPem!, clientKeyPem: clientKeyPem!, strangerCertPem: strangerCertPem!, strangerKeyPem: strangerKeyPem!, file: p, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface MtlsVendor {
  url: string;
  /** Common names of the client certificates the vendor accepted, one per request. */
  clients: string[];
  close(): Promise<void>;
}

/** Answers `GET /v1/accounts` only to clients whose certificate the test CA signed; the handshake fails for anyone else. */
export async function startMtlsVendor(pki: MtlsPki): Promise<MtlsVendor> {
  const [key, cert] = await Promise.all([readFile(pki.file('server.key'), 'utf8'), readFile(pki.file('server.pem'), 'utf8')]);
  const clients: string[] = [];
  const server: Server = createServer({ key, cert, ca: pki.caPem, requestCert: true, rejectUnauthorized: true }, (req, res) => {
    const peer = (req.socket as TLSSocket).getPeerCertificate();
    clients.push(String(peer.subject?.CN ?? ''));
    sendJson(res, 200, { data: [{ id: 'acct_1', iban_last4: '4242' }] });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    clients,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
