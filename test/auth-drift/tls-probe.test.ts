// The TLS probe against a real local HTTPS server whose self-signed certificate (made here with openssl) expires in 3 days.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthCheck } from '../../src/app/checks/auth-check.js';
import { certificateDeltas, probeCertificate } from '../../src/auth-drift/tls-probe.js';
import { forgetProjectFacts } from '../../src/owners/project.js';
import { testConnector } from '../owners/rule-table.js';
import { judged, sources } from '../helpers/judge.js';

const DAY = 86_400_000;

describe('TLS certificate expiry', () => {
  let dir: string;
  let https: Server;
  let stall: TcpServer;
  let httpsUrl: string;
  let stallUrl: string;
  const sockets = new Set<{ destroy(): void }>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'driftwatch-tls-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3', '-subj', '/CN=localhost',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    https = createHttpsServer({ key: await readFile(join(dir, 'key.pem')), cert: await readFile(join(dir, 'cert.pem')) }, (_req, res) => res.end('{}'));
    https.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    httpsUrl = `https://127.0.0.1:${(https.address() as { port: number }).port}`;
    // Accepts TCP and never speaks TLS: the probe must give up on its own timeout.
    stall = createTcpServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => stall.listen(0, '127.0.0.1', resolve));
    stallUrl = `https://127.0.0.1:${(stall.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => https.close(() => resolve()));
    await new Promise<void>((resolve) => stall.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the expiry of a self-signed certificate (verification off on purpose)', async () => {
    const probe = await probeCertificate(httpsUrl, { timeoutMs: 2_000 });
    expect(probe.ok).toBe(true);
    if (probe.ok !== true) return;
    const left = probe.validTo.getTime() - Date.now();
    expect(left).toBeGreaterThan(2.9 * DAY);
    expect(left).toBeLessThan(3.1 * DAY);
    expect(probe.subject).toBe('localhost');
    const [delta] = certificateDeltas(probe, new Date(), 21);
    expect(delta).toMatchObject({ kind: 'tls-certificate-expiring', expired: false, daysLeft: 2 });
    expect(certificateDeltas(probe, new Date(Date.now() + 4 * DAY), 21)[0]).toMatchObject({ expired: true });
  });

  it('skips http base URLs without connecting', async () => {
    expect(await probeCertificate('http://127.0.0.1:1')).toEqual({ ok: 'skipped', reason: 'not https' });
  });

  it('gives up after its timeout on a host that never handshakes', async () => {
    const probe = await probeCertificate(stallUrl, { timeoutMs: 50 });
    expect(probe).toMatchObject({ ok: false, error: 'no TLS handshake within 50 ms' });
  });

  it('the auth check turns it into a warning, and a breaking change once expired', async () => {
    const root = await mkdtemp(join(tmpdir(), 'driftwatch-tls-root-'));
    forgetProjectFacts(root);
    try {
      const check = createAuthCheck({ tlsTimeoutMs: 2_000 });
      const connector = testConnector({ baseUrl: httpsUrl, auth: { type: 'none' } });
      const soonRun = await check.run({ root, connector, outcomes: [], env: {}, now: new Date() });
      const soon = { ...soonRun, changes: judged(soonRun, connector) };
      expect(soon.changes.map((c) => [c.rule, c.severity, c.endpoint, sources(c)])).toEqual([['tls-certificate-expiring', 'warning', '*', 'auth']]);
      expect(soon.changes[0]?.message).toMatch(/TLS certificate of 127\.0\.0\.1 expires in 2 days/);
      expect(soon.observed).toEqual([{ connector: 'billing', endpoint: '*', source: 'auth' }]);
      const late = await check.run({ root, connector, outcomes: [], env: {}, now: new Date(Date.now() + 5 * DAY) });
      expect(judged(late, connector)[0]?.severity).toBe('breaking');

      // An unreachable host must not resolve the finding: the connector-wide scope is not observed.
      const down = await createAuthCheck({ tlsTimeoutMs: 50 }).run({ root, connector: { ...connector, baseUrl: stallUrl }, outcomes: [], env: {}, now: new Date() });
      expect(down.observations).toEqual([]);
      expect(down.observed).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
