// Scan -> notifyRun end to end: the demo vendor releases, the owner's Slack (a local receiver) gets one message, once.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accept } from '../../src/app/accept.js';
import { notifyRun, type NotifyRunOptions } from '../../src/app/notify-run.js';
import { scan, type ScanResult } from '../../src/app/scan.js';
import { startDemoVendor, type DemoVendor } from '../../src/demo/vendor-server.js';
import { forgetProjectFacts } from '../../src/owners/project.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { startSlackReceiver, visibleText, type SlackReceiver } from './slack-receiver.js';

const TOKEN = 'sk_live_notify_secret_7777';
const HOOK_PATH = '/services/T0DRIFT/B0WATCH/hooksecretpart9911';

const OWNERS = `
people:
  - id: dana
    name: Dana Reyes
    slack: "@dana"
    slackId: U024DANA
    active: true
  - id: finops
    name: Finance operations
connectors:
  billing:
    owner: dana
    dataOwner: finops
    channel: "#billing-integrations"
    reviewedAt: 2026-11-01
`;

describe('notifyRun after scan', () => {
  let vendor: DemoVendor;
  let slack: SlackReceiver;
  let root: TempRoot;
  let store: HistoryStore;
  let clock: Date;
  let env: Record<string, string>;
  const now = () => clock;
  const tick = (ms = 3_600_000) => (clock = new Date(clock.getTime() + ms));
  const scanNow = async (): Promise<ScanResult> => {
    tick();
    return scan({ root: root.dir, store, env, now, sampler: { baseDelayMs: 1, maxDelayMs: 2 } });
  };
  const notify = (result: ScanResult, flush: NotifyRunOptions['flush'] = { maxWaitMs: 0 }) =>
    notifyRun(result, { root: root.dir, store, env, now, connectors: result.connectors.map((r) => r.connector), flush });

  beforeAll(async () => {
    vendor = await startDemoVendor({ token: TOKEN, release: 'v1' });
    slack = await startSlackReceiver();
  });
  afterAll(async () => {
    await vendor.close();
    await slack.close();
  });
  beforeEach(async () => {
    vendor.setRelease('v1');
    slack.received.length = 0;
    clock = new Date('2026-11-23T09:00:00Z');
    env = { LEDGERLY_API_KEY: TOKEN, BILLING_SLACK_WEBHOOK: slack.webhook(HOOK_PATH) };
    root = await makeTempRoot('driftwatch-notify-');
    forgetProjectFacts();
    await root.writeConnector(
      'billing',
      connectorBody(vendor.url, [{ id: 'list-invoices', path: '/v1/invoices' }], {
        vendor: 'Ledgerly',
        owner: { name: 'Dana Reyes', slack: '@dana', slackWebhookEnv: 'BILLING_SLACK_WEBHOOK' },
        dataOwner: 'Finance operations',
        businessProcess: 'Month-end invoicing and dunning',
        failureMode: 'Invoices stop syncing to the ERP',
        runbook: 'https://wiki.example.com/runbooks/ledgerly-billing',
        auth: { type: 'bearer', tokenEnv: 'LEDGERLY_API_KEY' },
      }),
    );
    await writeFile(join(root.dir, 'contracts', 'owners.yaml'), OWNERS, 'utf8');
    store = await openSqliteStore(join(root.dir, '.driftwatch', 'history.db'));
    const accepted = await accept({ root: root.dir, store, env, now });
    expect(accepted.written).toHaveLength(1);
  });
  afterEach(async () => {
    await store.close();
    await root.cleanup();
  });

  it('sends one message with everything the owner needs, nothing for a drift that stays open, and a follow-up when it resolves', async () => {
    const clean = await notify(await scanNow());
    expect(clean.enqueued).toEqual([]);
    expect(slack.received).toHaveLength(0);

    vendor.setRelease('v2');
    const drifted = await scanNow();
    expect(drifted.summary.breaking).toBeGreaterThan(0);
    const first = await notify(drifted);
    expect(first.enqueued).toEqual([expect.objectContaining({ connector: 'billing', target: 'slack:BILLING_SLACK_WEBHOOK' })]);
    expect(first.flush.delivered).toHaveLength(1);
    expect(slack.received).toHaveLength(1);

    const message = slack.received[0]!;
    expect(message.path).toBe(HOOK_PATH);
    const payload = message.body as { text: string; blocks: Array<{ type: string }> };
    expect(payload.blocks[0]?.type).toBe('header');
    expect(payload.blocks.length).toBeLessThanOrEqual(50);
    const text = visibleText(payload);
    expect(payload.text).toMatch(/^\d+ breaking(, \d+ warning)? drift on billing \(Ledgerly\)/);
    expect(text).toContain('Month-end invoicing and dunning');
    expect(text).toContain('<@U024DANA>');
    expect(text).toContain('#billing-integrations');
    expect(text).toContain('https://wiki.example.com/runbooks/ledgerly-billing');
    expect(text).toContain('driftwatch accept --connector billing');
    expect(text).toMatch(/BREAKING\* `response-property-/);
    expect(text).toContain('`list-invoices`');
    expect(text).toMatch(/`\$\.data\[\*\]\.[a-z_]+`/);
    expect(text).toContain('→');
    expect(text).toContain('First seen 2026-11-23');
    // Every breaking change of the run is in the one message.
    for (const change of drifted.changes.filter((c) => c.severity === 'breaking')) expect(text).toContain(change.path.replace(/[<>&]/g, ''));

    const again = await notify(await scanNow());
    expect(again.enqueued).toEqual([]);
    expect(slack.received).toHaveLength(1);

    vendor.setRelease('v1');
    const fixed = await scanNow();
    expect(fixed.events.some((e) => e.kind === 'resolved')).toBe(true);
    await notify(fixed);
    expect(slack.received).toHaveLength(2);
    const followUp = visibleText(slack.received[1]!.body);
    expect(followUp).toMatch(/\d+ resolved drift on billing \(Ledgerly\)/);
    expect(followUp).toContain('*resolved*');
    expect(followUp).not.toContain('BREAKING');

    // Secrets: neither the webhook URL nor the vendor token reached the store.
    const db = await readFile(join(root.dir, '.driftwatch', 'history.db'));
    expect(db.includes('hooksecretpart9911')).toBe(false);
    expect(db.includes(TOKEN)).toBe(false);
    const outbox = await store.listOutbox();
    expect(outbox.map((m) => m.target)).toEqual(['slack:BILLING_SLACK_WEBHOOK', 'slack:BILLING_SLACK_WEBHOOK']);
    expect(JSON.stringify(outbox)).not.toContain('hooksecretpart9911');
  });

  it('scan with `notify` records each message with the drifts it tells of, delivers it, and notes the delivery in their stories', async () => {
    vendor.setRelease('v2');
    tick();
    const result = await scan({ root: root.dir, store, env, now, sampler: { baseDelayMs: 1, maxDelayMs: 2 }, notify: { flush: { maxWaitMs: 0 } } });
    expect(result.notify?.enqueued).toEqual([expect.objectContaining({ connector: 'billing', target: 'slack:BILLING_SLACK_WEBHOOK' })]);
    expect(result.notify?.flush.delivered).toHaveLength(1);
    expect(slack.received).toHaveLength(1);
    expect(slack.received[0]!.key).toBe(result.notify!.enqueued[0]!.key);
    const [message] = await store.listOutbox();
    expect(message?.deliveredAt).not.toBeNull();
    const opened = result.events.filter((e) => e.kind === 'opened' && e.drift.severity !== 'info');
    expect(opened.length).toBeGreaterThan(0);
    for (const e of opened) {
      const story = await store.storyOf(e.drift.fingerprint);
      expect(story?.events.map((line) => line.kind)).toEqual(['opened', 'notified']);
      expect(story?.events[1]).toMatchObject({ actor: 'driftwatch', note: 'slack:BILLING_SLACK_WEBHOOK' });
    }
    // The same news notified again by the older path adds nothing: one key per target and news.
    const twice = await notify(result);
    expect(twice.enqueued).toEqual([]);
    expect(slack.received).toHaveLength(1);
  });

  it('loses nothing while the receiver is down and delivers each message exactly once when it is back', async () => {
    vendor.setRelease('v2');
    slack.script({ status: 503, body: 'service unavailable' });
    const down = await notify(await scanNow());
    expect(down.enqueued).toHaveLength(1);
    expect(down.flush.delivered).toEqual([]);
    expect(down.flush.failed).toHaveLength(1);
    expect(down.flush.failed[0]?.error).toContain('HTTP 503');
    expect(down.flush.failed[0]?.error).not.toContain('hooksecretpart9911');
    const [pending] = await store.listOutbox({ pending: true });
    expect(pending?.attempts).toBe(1);
    expect(pending?.lastError).toContain('503');
    expect(Date.parse(pending!.nextAttemptAt)).toBeGreaterThan(clock.getTime());

    // The next run (an hour later) sees the same drift (no new message) and flushes the one left behind.
    const up = await notify(await scanNow());
    expect(up.enqueued).toEqual([]);
    expect(up.flush.delivered).toHaveLength(1);
    expect(slack.delivered).toHaveLength(1);
    expect(slack.received).toHaveLength(2);
    expect(slack.received[0]!.raw).toBe(slack.received[1]!.raw);

    const later = await notify(await scanNow());
    expect(later.flush.delivered).toEqual([]);
    expect(slack.received).toHaveLength(2);
    expect(await store.listOutbox({ pending: true })).toEqual([]);
  });

  it('notifying the same run twice enqueues nothing new (idempotency key: fingerprint + event)', async () => {
    vendor.setRelease('v2');
    const result = await scanNow();
    await notify(result);
    const twice = await notify(result);
    expect(twice.enqueued).toEqual([]);
    expect(slack.received).toHaveLength(1);
  });

  it('posts a generic JSON document to DRIFTWATCH_WEBHOOK_URL for teams without Slack', async () => {
    env = { LEDGERLY_API_KEY: TOKEN, DRIFTWATCH_WEBHOOK_URL: slack.webhook('/hooks/driftwatch') };
    vendor.setRelease('v2');
    const report = await notify(await scanNow());
    expect(report.enqueued.map((e) => e.target)).toEqual(['webhook:DRIFTWATCH_WEBHOOK_URL']);
    expect(slack.received).toHaveLength(1);
    const body = slack.received[0]!.body as {
      type: string;
      connector: string;
      owner: { mention: string; channel: string };
      changes: Array<{ event: string; rule: string; endpoint: string; path: string; severity: string; firstSeenAt: string }>;
      nextActions: string[];
    };
    expect(body.type).toBe('driftwatch.drift');
    expect(body.connector).toBe('billing');
    expect(body.owner).toEqual({ name: 'Dana Reyes', mention: '<@U024DANA>', channel: '#billing-integrations' });
    expect(body.changes.length).toBeGreaterThan(0);
    expect(body.changes.every((c) => c.event === 'opened' && c.endpoint === 'list-invoices')).toBe(true);
    expect(body.changes.map((c) => (c as { nextAction?: string }).nextAction).join('\n')).toContain('driftwatch accept --connector billing');
  });

  it('says so when a connector has news but no webhook is configured', async () => {
    env = { LEDGERLY_API_KEY: TOKEN };
    vendor.setRelease('v2');
    const report = await notify(await scanNow());
    expect(report.enqueued).toEqual([]);
    expect(report.notices.join('\n')).toMatch(/billing: \d+ drift event\(s\) not sent: set \$BILLING_SLACK_WEBHOOK or \$DRIFTWATCH_SLACK_WEBHOOK/);
  });
});
