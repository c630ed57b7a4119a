// Auth drift through a real scan: a vendor answering 401, a shared credential, a JWT about to expire; no secret kept.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scan } from '../../src/app/scan.js';
import { forgetProjectFacts } from '../../src/owners/project.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { renderScanJson } from '../../src/report/scan/json.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';
import { daysFrom, jwt } from '../owners/rule-table.js';

const NOW = new Date('2026-11-23T09:00:00Z');

describe('auth drift in a scan', () => {
  let vendor: VendorServer;
  let root: TempRoot;
  let store: HistoryStore;
  let rejectTokens = true;
  const token = jwt(daysFrom(NOW, 4));

  beforeAll(async () => {
    vendor = await startVendorServer({
      'GET /v1/orders': (req, res) =>
        rejectTokens ? sendJson(res, 401, { error: 'invalid_api_key' }) : sendJson(res, 200, { data: [{ id: 'o1' }] }),
      'GET /v1/parcels': (_req, res) => sendJson(res, 200, { data: [{ id: 'p1' }] }),
    });
  });
  afterAll(() => vendor.close());
  beforeEach(async () => {
    rejectTokens = true;
    root = await makeTempRoot('driftwatch-auth-');
    forgetProjectFacts();
    const bearer = { auth: { type: 'bearer', tokenEnv: 'SHOP_TOKEN' } };
    await root.writeConnector('orders', connectorBody(vendor.url, [{ id: 'list-orders', path: '/v1/orders' }], bearer));
    await root.writeConnector('parcels', connectorBody(vendor.url, [{ id: 'list-parcels', path: '/v1/parcels' }], bearer));
    store = await openSqliteStore(join(root.dir, '.driftwatch', 'history.db'));
  });
  afterEach(async () => {
    await store.close();
    await root.cleanup();
  });

  it('a 401 is a breaking auth-rejected naming the env var and the connectors sharing it', async () => {
    const result = await scan({ root: root.dir, store, env: { SHOP_TOKEN: token }, now: () => NOW, sampler: { baseDelayMs: 1, maxDelayMs: 2 } });
    const orders = result.changes.filter((c) => c.connector === 'orders');
    const rejected = orders.find((c) => c.rule === 'auth-rejected');
    expect(rejected).toMatchObject({ severity: 'breaking', endpoint: 'list-orders', path: 'auth', evidence: [expect.objectContaining({ source: 'auth' })] });
    expect(rejected?.message).toBe('vendor rejected the credentials (HTTP 401) for the credential in $SHOP_TOKEN; also used by parcels');
    expect(result.summary.breaking).toBeGreaterThanOrEqual(1);

    const shared = result.changes.filter((c) => c.rule === 'credential-shared').map((c) => [c.connector, c.path, c.severity]);
    expect(shared).toEqual([
      ['orders', 'auth.SHOP_TOKEN', 'warning'],
      ['parcels', 'auth.SHOP_TOKEN', 'warning'],
    ]);
    const expiring = result.changes.filter((c) => c.rule === 'credential-expiring');
    expect(expiring.map((c) => c.connector).sort()).toEqual(['orders', 'parcels']);
    expect(expiring[0]?.message).toBe('credential in $SHOP_TOKEN expires in 4 days, on 2026-11-27 (JWT exp claim): rotate it before then');

    // The JWT is read at run time and kept nowhere.
    const output = renderScanJson(result);
    expect(output).not.toContain(token);
    expect(output).not.toContain(token.split('.')[1]!);
    const db = await readFile(join(root.dir, '.driftwatch', 'history.db'));
    expect(db.includes(token.split('.')[1]!)).toBe(false);
  });

  it('the rejection resolves once the vendor accepts the credential again, and escalates when the JWT expires', async () => {
    const env = { SHOP_TOKEN: token };
    await scan({ root: root.dir, store, env, now: () => NOW, sampler: { baseDelayMs: 1, maxDelayMs: 2 } });
    rejectTokens = false;
    const later = daysFrom(NOW, 5);
    const second = await scan({ root: root.dir, store, env, now: () => later, sampler: { baseDelayMs: 1, maxDelayMs: 2 } });
    const kinds = second.events.filter((e) => e.drift.connector === 'orders').map((e) => [e.kind, e.drift.rule]);
    expect(kinds).toContainEqual(['resolved', 'auth-rejected']);
    expect(kinds).toContainEqual(['escalated', 'credential-expiring']);
    const expired = second.changes.find((c) => c.connector === 'orders' && c.rule === 'credential-expiring');
    expect(expired?.severity).toBe('breaking');
  });

  it('a vendor that cannot be reached resolves nothing about the credential', async () => {
    await scan({ root: root.dir, store, env: { SHOP_TOKEN: token }, now: () => NOW, sampler: { baseDelayMs: 1, maxDelayMs: 2 } });
    await root.writeConnector('orders', connectorBody('http://127.0.0.1:1', [{ id: 'list-orders', path: '/v1/orders' }], { auth: { type: 'bearer', tokenEnv: 'SHOP_TOKEN' } }));
    forgetProjectFacts();
    const second = await scan({ root: root.dir, store, env: { SHOP_TOKEN: token }, now: () => NOW, sampler: { baseDelayMs: 1, maxDelayMs: 2 } });
    expect(second.events.filter((e) => e.kind === 'resolved' && e.drift.rule === 'auth-rejected')).toEqual([]);
    const [open] = await store.listDrifts({ connector: 'orders', rule: 'auth-rejected' });
    expect(open?.status).toBe('open');
  });
});
