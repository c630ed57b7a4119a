// The webhook story through `driftwatch receive`: a vendor POSTs Stripe-signed deliveries over real HTTP; they are
// answered at once and judged in batches: accept, quiet deliveries, the rename (one breaking finding, one Slack
// message), a bad signature (401 and an auth finding), refused bodies counted, and the planted secret kept nowhere.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { signDelivery } from '../../src/events/signature.js';
import type { ReceiveStats } from '../../src/app/receive.js';
import { runMain, testIo } from '../helpers/run-main.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { invoicePaid, PLANTED_SECRET, postDelivery, range, until } from '../helpers/deliveries.js';
import { startSlackReceiver, visibleText, type SlackReceiver } from '../notify/slack-receiver.js';

const SECRET = 'whsec_test_receive_5e1f0c9a';
const NOW = new Date('2026-12-06T09:00:00Z');

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    out.push(...(entry.isDirectory() ? await allFiles(path) : [path]));
  }
  return out;
}

describe('receive: signed deliveries over HTTP, judged in batches', { timeout: 90_000 }, () => {
  let root: TempRoot;
  let slack: SlackReceiver;
  let env: Record<string, string>;
  let stop: (() => void) | undefined;
  let code: Promise<number>;
  let url = '';
  let io: ReturnType<typeof testIo>;

  const stats = async (): Promise<ReceiveStats> => JSON.parse(await (await request(`${url}/stats`)).body.text()) as ReceiveStats;
  const judgedAll = async () => until('judging', async () => { const s = await stats(); return s.judged === s.accepted ? s : undefined; }, () => io.err.join(''));
  const send = (delivery: unknown, secret = SECRET) => {
    const body = JSON.stringify(delivery);
    return postDelivery(`${url}/hooks/billing`, body, { 'Stripe-Signature': signDelivery({ scheme: 'stripe' }, body, secret, Math.floor(NOW.getTime() / 1000)) });
  };

  beforeAll(async () => {
    slack = await startSlackReceiver();
    root = await makeTempRoot();
    env = { BILLING_SLACK_WEBHOOK: slack.webhook(), DRIFTWATCH_NOTIFY_WAIT_MS: '0', LEDGERLY_WEBHOOK_SECRET: SECRET };
    await root.writeConnector(
      'billing',
      connectorBody('http://127.0.0.1:9', [{ id: 'list-invoices', path: '/v1/invoices' }], {
        owner: { name: 'Test Owner', slack: '#billing', slackWebhookEnv: 'BILLING_SLACK_WEBHOOK' },
        failureMode: 'paid invoices are booked without their line items',
        maxBodyBytes: 20_000,
        events: { typeField: 'type', signature: { scheme: 'stripe', secretEnv: 'LEDGERLY_WEBHOOK_SECRET' } },
      }),
    );
    io = { ...testIo({ cwd: root.dir, env: { DRIFTWATCH_DB: undefined, ...env }, now: () => NOW }), onStop: (fn: (signal: string) => void) => ((stop = () => fn('SIGTERM')), () => {}) };
    code = run(['receive', '--port', '0', '--batch-ms', '40'], io);
    const line = await until('start line', () => /listening on (http:\/\/[^/\s]+)\/hooks/.exec(io.err.join(''))?.[1], () => io.err.join(''));
    url = line;
  });
  afterAll(async () => {
    stop?.();
    await code;
    await slack.close();
    await root.cleanup();
  });

  it('answers 202 at once and learns the type from signed deliveries', async () => {
    for (const i of range(0, 30)) expect((await send(invoicePaid(i))).status).toBe(202);
    const s = await judgedAll();
    expect(s).toMatchObject({ accepted: 30, judged: 30, failed: 0 });
    expect(s.findings.breaking + s.findings.warning).toBe(0);
  });

  it('accept takes the learned shape of the event type', async () => {
    const accepted = await runMain(['accept', '--connector', 'billing', '--events'], { cwd: root.dir, env, now: () => NOW });
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('event:invoice.paid');
    const snapshot = JSON.parse(await readFile(join(root.dir, 'snapshots', 'billing', 'events', 'invoice.paid.json'), 'utf8')) as { schema: { properties: { data: { required: string[] } } } };
    expect(snapshot.schema.properties.data.required).toContain('line_items');
  });

  it('quiet deliveries give no finding', async () => {
    const before = await stats();
    for (const i of range(100, 12)) expect((await send(invoicePaid(i))).status).toBe(202);
    const after = await judgedAll();
    expect(after.findings).toEqual(before.findings);
  });

  it('the rename is one breaking finding on line_items and one Slack message', async () => {
    for (const i of range(200, 12)) expect((await send(invoicePaid(i, { renamed: true }))).status).toBe(202);
    await judgedAll();
    await until('a Slack message', () => (slack.delivered.length > 0 ? true : undefined));
    const history = await runMain(['history', '--format', 'json'], { cwd: root.dir, env });
    const drifts = (JSON.parse(history.stdout) as { drifts: Array<{ endpoint: string; rule: string; path: string; severity: string; status: string }> }).drifts;
    expect(drifts.filter((d) => d.severity === 'breaking' && d.status === 'open')).toEqual([
      expect.objectContaining({ endpoint: 'event:invoice.paid', rule: 'response-property-removed', path: '$.data.line_items' }),
    ]);
    // More renamed deliveries: the drift is seen again, not news again.
    for (const i of range(300, 6)) await send(invoicePaid(i, { renamed: true }));
    await judgedAll();
    expect(slack.delivered).toHaveLength(1);
    const message = visibleText(slack.delivered[0]!.body);
    expect(message).toContain('invoice.paid');
    expect(message).toContain('line_items');
  });

  it('a bad signature is refused with 401 and recorded as an auth finding', async () => {
    const refused = await send(invoicePaid(400), 'whsec_rotated_by_the_vendor');
    expect(refused.status).toBe(401);
    expect(refused.body).not.toContain(SECRET);
    const unsigned = await postDelivery(`${url}/hooks/billing`, JSON.stringify(invoicePaid(401)));
    expect(unsigned.status).toBe(401);
    await until('the signature finding', async () => {
      const history = await runMain(['history', '--format', 'json', '--rule', 'webhook-signature-rejected'], { cwd: root.dir, env });
      const drifts = (JSON.parse(history.stdout) as { drifts: Array<{ endpoint: string; path: string }> }).drifts;
      return drifts.length === 1 ? drifts[0] : undefined;
    });
    expect((await stats()).rejected['bad-signature']).toBe(2);
  });

  it('a body that is not JSON, too large, or for an unknown connector is refused with its status and counted', async () => {
    // A JSON string is JSON, but names no event type.
    expect((await send(`no type ${PLANTED_SECRET}`)).status).toBe(422);
    const raw = `{"type": "invoice.paid", ${PLANTED_SECRET}`;
    const notJson = await postDelivery(`${url}/hooks/billing`, raw, { 'Stripe-Signature': signDelivery({ scheme: 'stripe' }, raw, SECRET, Math.floor(NOW.getTime() / 1000)) });
    expect(notJson.status).toBe(415);
    expect(notJson.body).not.toContain(PLANTED_SECRET);
    const big = JSON.stringify({ ...invoicePaid(500), padding: 'x'.repeat(30_000) });
    expect((await postDelivery(`${url}/hooks/billing`, big)).status).toBe(413);
    expect((await postDelivery(`${url}/hooks/nobody`, '{}')).status).toBe(404);
    const s = await stats();
    expect(s.rejected).toMatchObject({ 'no-type': 1, 'not-json': 1, 'too-large': 1, 'unknown-connector': 1 });
  });

  it('stops on the signal (exit 0), and the planted secret is in no file, log or message', async () => {
    stop!();
    expect(await code).toBe(0);
    stop = undefined;
    expect(io.err.join('')).toMatch(/driftwatch receive stopped: \d+ accepted/);
    const kept = await allFiles(root.dir);
    expect(kept.some((f) => f.endsWith('history.db'))).toBe(true);
    for (const file of kept) {
      const bytes = await readFile(file);
      expect(bytes.includes(PLANTED_SECRET), file).toBe(false);
      expect(bytes.includes(SECRET), file).toBe(false);
    }
    expect(io.err.join('')).not.toContain(PLANTED_SECRET);
    for (const message of slack.received) expect(message.raw).not.toContain(PLANTED_SECRET);
  });
});
