// Every way a vendor or a connector file can go wrong, in one scan through the real binary: each is classified and
// recorded, and the healthy connector in the same run is unaffected.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';

interface ScanJson {
  summary: { breaking: number; errors: number };
  changes: unknown[];
  errors: Array<{ connector: string; endpoint: string; kind: string; message: string }>;
  notices: Array<{ connector: string; endpoint: string }>;
}

const hits = new Map<string, number>();

function faultServer(): Server {
  return createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    switch (path) {
      case '/healthy':
        return json(200, { id: 'ok_1', status: 'active' });
      case '/slow':
        return; // headers never sent: the client's timeout decides
      case '/flaky':
        return hits.get(path) === 1 ? json(500, { error: 'boom' }) : json(200, { id: 'flaky_1' });
      case '/throttled':
        return hits.get(path) === 1 ? json(429, { error: 'slow down' }, { 'retry-after': '1' }) : json(200, { id: 'throttled_1' });
      case '/garbage':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"id": "half an object",');
      case '/huge': {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"items":[');
        const chunk = `${'"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",'.repeat(1000)}`;
        let sent = 0;
        const pump = () => {
          while (sent < 200 && res.write(chunk)) sent++;
          if (sent < 200) res.once('drain', pump);
          else res.end('"x"]}');
        };
        res.on('error', () => {});
        return pump();
      }
      default:
        return json(404, { error: 'not found' });
    }
  });
}

describe('a scan where most things go wrong', () => {
  let server: Server;
  let root: TempRoot;
  let run: CliRun;
  let json: ScanJson;

  beforeAll(async () => {
    server = faultServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    root = await makeTempRoot();
    await root.writeConnector('healthy', connectorBody(url, [{ id: 'thing', path: '/healthy' }]));
    await root.writeConnector('slow', connectorBody(url, [{ id: 'thing', path: '/slow' }], { timeoutMs: 300 }));
    await root.writeConnector('flaky', connectorBody(url, [{ id: 'thing', path: '/flaky' }]));
    await root.writeConnector('throttled', connectorBody(url, [{ id: 'thing', path: '/throttled' }]));
    await root.writeConnector('garbage', connectorBody(url, [{ id: 'thing', path: '/garbage' }]));
    await root.writeConnector('huge', connectorBody(url, [{ id: 'thing', path: '/huge' }], { maxBodyBytes: 1024 * 1024 }));
    await root.writeConnector(
      'needs-token',
      connectorBody(url, [{ id: 'thing', path: '/healthy' }], { auth: { type: 'bearer', tokenEnv: 'DW_TEST_UNSET_TOKEN' } }),
    );
    await root.writeConnector('broken', 'name: broken\nowner:\n  name: Someone\nbaseUrl: http://127.0.0.1:1\nendpoints:\n  - id: a\n    path: [unclosed\n');

    expect((await runMain(['accept', '--connector', 'healthy'], { cwd: root.dir })).code).toBe(0);
    hits.clear();
    run = await runMain(['scan', '--format', 'json'], { cwd: root.dir, env: { DW_TEST_UNSET_TOKEN: undefined } });
    json = JSON.parse(run.stdout) as ScanJson;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await root.cleanup();
  });

  const errorOf = (connector: string) => json.errors.find((e) => e.connector === connector);

  it('exits 2 because a connector file is broken, and still scans every other connector', () => {
    expect(run.code).toBe(2);
    expect(json.changes).toEqual([]);
    expect(json.notices.map((n) => n.connector).sort()).toEqual(['flaky', 'throttled']);
  });

  it('names the broken file and its line', () => {
    const error = errorOf('broken');
    expect(error?.kind).toBe('config');
    expect(error?.message).toMatch(/contracts\/broken\/connector\.yaml:\d+(:\d+)?/);
  });

  it('classifies each failure', () => {
    expect(errorOf('slow')?.kind).toBe('timeout');
    expect(errorOf('garbage')?.kind).toBe('invalid-json');
    expect(errorOf('huge')?.kind).toBe('too-large');
    expect(errorOf('needs-token')?.kind).toBe('auth-missing');
    expect(errorOf('needs-token')?.message).toContain('DW_TEST_UNSET_TOKEN');
    expect(errorOf('healthy')).toBeUndefined();
  });

  it('retries a 500 and honours Retry-After on a 429', () => {
    expect(errorOf('flaky')).toBeUndefined();
    expect(errorOf('throttled')).toBeUndefined();
    expect(hits.get('/flaky')).toBe(2);
    expect(hits.get('/throttled')).toBe(2);
  });

  it('makes no request when the auth env var is unset', () => {
    // only the healthy connector asked for /healthy
    expect(hits.get('/healthy')).toBe(1);
  });

  it('records every sample outcome in the store', () => {
    const db = new Database(join(root.dir, '.driftwatch', 'history.db'), { readonly: true });
    try {
      const rows = db
        .prepare("SELECT connector, error_kind FROM samples WHERE run_id = (SELECT max(id) FROM runs WHERE kind = 'scan') ORDER BY connector")
        .all() as Array<{ connector: string; error_kind: string | null }>;
      expect(Object.fromEntries(rows.map((r) => [r.connector, r.error_kind]))).toEqual({
        flaky: null,
        garbage: 'invalid-json',
        healthy: null,
        huge: 'too-large',
        'needs-token': 'auth-missing',
        slow: 'timeout',
        throttled: null,
      });
    } finally {
      db.close();
    }
  });
});
