// Routing and escalation end to end: scans on an injected clock against the demo vendor and local Slack stand-ins.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accept } from '../../src/app/accept.js';
import { scan, type ScanResult } from '../../src/app/scan.js';
import { startDemoVendor, type DemoVendor } from '../../src/demo/vendor-server.js';
import { forgetProjectFacts } from '../../src/owners/project.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { startSlackReceiver, visibleText, type SlackReceiver } from './slack-receiver.js';

const TOKEN = 'sk_live_escalation_secret_4242';
const HOUR = 3_600_000;

// Dana left: alerts go to her team first (its own webhook), then the data owner, then #ops.
const OWNERS = `
defaultChannel: "#ops"
escalateAfter: 24h
people:
  - { id: dana, name: Dana Reyes, slackId: U024DANA, active: false }
  - { id: finops, name: Finance operations, slack: "#finance-ops" }
teams:
  - { id: payments, name: Payments team, slack: "#payments", members: [dana], slackWebhookEnv: PAYMENTS_SLACK_WEBHOOK }
connectors:
  billing: { owner: dana, dataOwner: finops, channel: "#billing-integrations", reviewedAt: 2026-11-01 }
`;

describe('routing and escalation on the run clock', () => {
  let vendor: DemoVendor;
  let slack: SlackReceiver;
  let root: TempRoot;
  let store: HistoryStore;
  let clock: Date;
  let env: Record<string, string>;
  const now = () => clock;
  const scanAt = (hours: number): Promise<ScanResult> => {
    clock = new Date(Date.parse('2026-11-23T09:00:00Z') + hours * HOUR);
    return scan({ root: root.dir, store, env, now, sampler: { baseDelayMs: 1, maxDelayMs: 2 }, notify: { flush: { maxWaitMs: 0, paceMs: 0 } } });
  };
  const sinceLast = (() => {
    let seen = 0;
    return () => {
      const fresh = slack.received.slice(seen);
      seen = slack.received.length;
      return fresh;
    };
  })();

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
    sinceLast();
    clock = new Date('2026-11-23T08:00:00Z');
    env = { LEDGERLY_API_KEY: TOKEN, BILLING_SLACK_WEBHOOK: slack.webhook('/services/T1/BILLING/billinghook'), PAYMENTS_SLACK_WEBHOOK: slack.webhook('/services/T1/PAYMENTS/paymentshook') };
    root = await makeTempRoot('driftwatch-escalate-');
    forgetProjectFacts();
    await root.writeConnector(
      'billing',
      connectorBody(vendor.url, [{ id: 'list-invoices', path: '/v1/invoices' }], {
        vendor: 'Ledgerly',
        owner: { name: 'Dana Reyes', slackWebhookEnv: 'BILLING_SLACK_WEBHOOK' },
        dataOwner: 'Finance operations',
        runbook: 'https://wiki.example.com/runbooks/ledgerly-billing',
        auth: { type: 'bearer', tokenEnv: 'LEDGERLY_API_KEY' },
      }),
    );
    await writeFile(join(root.dir, 'contracts', 'owners.yaml'), OWNERS, 'utf8');
    store = await openSqliteStore(join(root.dir, '.driftwatch', 'history.db'));
    await accept({ root: root.dir, store, env, now });
  });
  afterEach(async () => {
    await store.close();
    await root.cleanup();
  });

  it('skips the owner who left, tells the team, and raises an unacknowledged breaking finding once per stop as the clock advances', async () => {
    await scanAt(0);
    sinceLast();
    vendor.setRelease('v2');
    const drifted = await scanAt(1);
    const breaking = drifted.events.filter((e) => e.kind === 'opened' && e.drift.severity === 'breaking').map((e) => e.drift.fingerprint);
    expect(breaking.length).toBeGreaterThan(0);

    const first = sinceLast();
    expect(first).toHaveLength(1);
    expect(first[0]!.path).toContain('paymentshook');
    const text = visibleText(first[0]!.body);
    expect(text).toContain('*To:* #payments (team)');
    expect(text).toContain('*Skipped:* Dana Reyes (owner): inactive in contracts/owners.yaml');

    // Within escalateAfter: nothing more.
    await scanAt(20);
    expect(sinceLast()).toHaveLength(0);

    // Someone acknowledges one of them: it is never escalated.
    const [acked, ...unacked] = breaking;
    expect(unacked.length).toBeGreaterThan(0);
    await store.acknowledgeDrift(acked!, 'looking into it', clock.toISOString(), 'lee@example.com');

    // 24 h after it opened: each open breaking finding goes to the next stop (the data owner), once.
    await scanAt(26);
    const step1 = sinceLast();
    expect(step1).toHaveLength(unacked.length);
    for (const message of step1) {
      expect(message.path).toContain('billinghook');
      const t = visibleText(message.body);
      expect(t).toContain('*To:* #finance-ops (data owner)');
      expect(t).toContain('*Escalated:* not acknowledged within 24 h (step 1 of the chain)');
      expect(t).not.toContain(acked!);
    }
    await scanAt(30);
    expect(sinceLast()).toHaveLength(0);

    // 48 h: the last stop, the default channel; and never again after that.
    await scanAt(50);
    const step2 = sinceLast();
    expect(step2).toHaveLength(unacked.length);
    for (const message of step2) expect(visibleText(message.body)).toContain('*To:* #ops (default channel)');
    await scanAt(100);
    expect(sinceLast()).toHaveLength(0);

    // Each escalation is in the finding's story as a delivery.
    const story = await store.storyOf(unacked[0]!);
    expect(story!.events.filter((e) => e.kind === 'notified')).toHaveLength(3);
  });
});
