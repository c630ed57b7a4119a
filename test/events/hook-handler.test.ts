// The receiver's refusals that the end-to-end stories do not reach: a method other than POST, a signing secret whose
// env var is unset (503: nothing can be verified), a declared body over maxBodyBytes, a connector without events:,
// and a port already taken (exit 3 territory: an operational error).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../src/app/receive.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { postDelivery } from '../helpers/deliveries.js';

describe('POST /hooks/<connector>: refusals', () => {
  let root: TempRoot;
  let store: HistoryStore;
  let receiver: Receiver;

  beforeAll(async () => {
    root = await makeTempRoot();
    const signed = { events: { typeField: 'type', signature: { scheme: 'github', secretEnv: 'UNSET_HOOK_SECRET' } } };
    await root.writeConnector('billing', connectorBody('http://127.0.0.1:9', [{ id: 'a', path: '/a' }], { maxBodyBytes: 1000, ...signed }));
    await root.writeConnector('crm', connectorBody('http://127.0.0.1:9', [{ id: 'b', path: '/b' }]));
    store = await openSqliteStore(join(root.dir, '.driftwatch', 'history.db'));
    receiver = await startReceiver({ root: root.dir, store, env: {}, now: () => new Date(), port: 0, notify: false, batchMs: 10 });
  });
  afterAll(async () => {
    await receiver.close();
    await store.close();
    await root.cleanup();
  });

  it('refuses each with its status and counts it, judging nothing', async () => {
    const { request } = await import('undici');
    expect((await request(`${receiver.url}/hooks/billing`)).statusCode).toBe(405);
    const unset = await postDelivery(`${receiver.url}/hooks/billing`, '{"type":"invoice.paid"}', { 'x-hub-signature-256': 'sha256=00' });
    expect(unset.status).toBe(503);
    expect(unset.body).toContain('$UNSET_HOOK_SECRET is not set');
    expect((await postDelivery(`${receiver.url}/hooks/billing`, JSON.stringify({ type: 'x', pad: 'y'.repeat(2000) }))).status).toBe(413);
    expect((await postDelivery(`${receiver.url}/hooks/crm`, '{"type":"contact.created"}')).status).toBe(404);
    await receiver.queue.flush();
    expect(receiver.queue.stats()).toMatchObject({ accepted: 0, judged: 0, rejected: { method: 1, 'no-secret': 1, 'too-large': 1, 'no-events': 1 } });
    expect(receiver.connectors).toEqual(['billing']);
    expect(receiver.warnings).toEqual(['billing: $UNSET_HOOK_SECRET is not set: its deliveries are refused (503) until it is']);
  });

  it('a hostile body (nested 5,000 deep) is refused in bounded time by the complexity check, before redaction recurses', async () => {
    await root.writeConnector('deep', connectorBody('http://127.0.0.1:9', [{ id: 'a', path: '/a' }], { events: { typeField: 'type' } }));
    const deep = await startReceiver({ root: root.dir, store, env: {}, now: () => new Date(), port: 0, notify: false });
    try {
      const body = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
      const res = await postDelivery(`${deep.url}/hooks/deep`, body);
      expect(res.status).toBe(422);
      expect(res.body).toContain('limits.maxDepth');
      expect(deep.queue.stats().rejected).toEqual({ 'too-complex': 1 });
    } finally {
      await deep.close();
    }
  });

  it('a port already in use is an operational error naming it', async () => {
    await expect(startReceiver({ root: root.dir, store, env: {}, now: () => new Date(), port: receiver.port, notify: false })).rejects.toMatchObject({
      code: 'OPERATIONAL',
      message: expect.stringContaining(`port ${receiver.port} is already in use`),
    });
  });
});
