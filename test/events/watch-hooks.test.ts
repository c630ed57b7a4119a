// The watch daemon receives webhooks on its port too: GitHub-signed deliveries POSTed over real HTTP are judged in
// batches like `receive` (accept, the rename as one breaking drift, a bad signature refused with 401).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { signDelivery } from '../../src/events/signature.js';
import { runMain, testIo } from '../helpers/run-main.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { invoicePaid, postDelivery, range, until } from '../helpers/deliveries.js';

const SECRET = 'gh_hook_secret_watch_8842';

describe('watch serves POST /hooks/<connector> on its port', { timeout: 90_000 }, () => {
  let root: TempRoot;
  let stop: (() => void) | undefined;
  let code: Promise<number>;
  let url = '';
  let io: ReturnType<typeof testIo>;
  const env = { LEDGERLY_HOOK_SECRET: SECRET };
  const judged = () => io.err.join('').split('\n').filter((l) => l.includes('"deliveries judged"')).map((l) => JSON.parse(l) as { deliveries: number; breaking: number });
  const judgedCount = () => judged().reduce((n, j) => n + j.deliveries, 0);
  const send = (delivery: unknown, secret = SECRET) => {
    const body = JSON.stringify(delivery);
    return postDelivery(`${url}/hooks/billing`, body, { 'X-Hub-Signature-256': signDelivery({ scheme: 'github' }, body, secret, 0) });
  };

  beforeAll(async () => {
    root = await makeTempRoot();
    await root.writeConnector(
      'billing',
      connectorBody('http://127.0.0.1:9', [{ id: 'list-invoices', path: '/v1/invoices' }], { events: { typeField: 'type', signature: { scheme: 'github', secretEnv: 'LEDGERLY_HOOK_SECRET' } } }),
    );
    io = { ...testIo({ cwd: root.dir, env: { DRIFTWATCH_DB: undefined, ...env } }), onStop: (fn: (signal: string) => void) => ((stop = () => fn('SIGTERM')), () => {}) };
    code = run(['watch', '--port', '0', '--no-notify', '--jitter', '0'], io);
    url = await until('the start line', () => {
      const line = io.err.join('').split('\n').find((l) => l.includes('"driftwatch watch started"'));
      return line ? (JSON.parse(line) as { url: string }).url : undefined;
    }, () => io.err.join(''));
  });
  afterAll(async () => {
    stop?.();
    await code;
    await root.cleanup();
  });

  it('judges signed deliveries, accepts them, then reports the rename once as breaking', async () => {
    for (const i of range(0, 24)) expect((await send(invoicePaid(i))).status).toBe(202);
    await until('24 judged', () => (judgedCount() >= 24 ? true : undefined), () => io.err.join(''));
    expect((await runMain(['accept', '--connector', 'billing', '--events'], { cwd: root.dir, env })).code).toBe(0);
    for (const i of range(100, 12)) expect((await send(invoicePaid(i, { renamed: true }))).status).toBe(202);
    await until('36 judged', () => (judgedCount() >= 36 ? true : undefined), () => io.err.join(''));
    const history = await runMain(['history', '--format', 'json', '--status', 'open'], { cwd: root.dir, env });
    const drifts = (JSON.parse(history.stdout) as { drifts: Array<{ endpoint: string; rule: string; path: string; severity: string }> }).drifts;
    expect(drifts.filter((d) => d.severity === 'breaking')).toEqual([expect.objectContaining({ endpoint: 'event:invoice.paid', rule: 'response-property-removed', path: '$.data.line_items' })]);
  });

  it('refuses a bad signature with 401, keeps health on the same port, and stops cleanly', async () => {
    expect((await send(invoicePaid(500), 'gh_wrong')).status).toBe(401);
    const { request } = await import('undici');
    expect((await request(`${url}/healthz`)).statusCode).toBe(200);
    stop!();
    stop = undefined;
    expect(await code).toBe(0);
  });
});
