// The demo story on the bundled Ledgerly vendor: accept a baseline, the vendor ships a release, scan finds the drift;
// its invoice.paid webhooks, witnessed by `receive`, show the same release renaming line_items.
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { startDemoVendor, DEMO_TOKEN_ENV, type DemoVendor } from '../demo/vendor-server.js';
import { packageRoot } from '../demo/package-root.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { HistoryStore } from '../store/history-store.js';
import { slackMessageAsText, startSlackReceiver, type SlackReceiver } from '../demo/slack-receiver.js';
import { accept, type AcceptResult } from './accept.js';
import { scan, type ScanResult } from './scan.js';
import { startReceiver, type Receiver } from './receive.js';
import { invoicePaidEvent } from '../demo/ledgerly-data.js';
import { sendWebhooks } from '../demo/webhook-sender.js';
import type { DriftRecord } from '../store/history-store.js';

/** `demo --serve`: only the demo vendor, on a port of the user's choosing, for their own experiments. */
export { startDemoVendor as serveDemoVendor } from '../demo/vendor-server.js';

export interface DemoHooks {
  step(title: string): void;
  log(line: string): void;
  accepted(result: AcceptResult): void;
  scanned(result: ScanResult): void;
  history(drifts: DriftRecord[]): void;
  /** The messages the local Slack stand-in received for the connector's owner, as text. */
  slack(messages: string[]): void;
}

export interface DemoOptions {
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  keep: boolean;
  hooks: DemoHooks;
}

export interface DemoResult {
  root: string;
  kept: boolean;
  scan: ScanResult;
}

/** The billing connector's webhook env var (contracts/billing/connector.yaml `owner.slackWebhookEnv`). */
const DEMO_WEBHOOK_ENV = 'BILLING_SLACK_WEBHOOK';

/** The env var holding Ledgerly's webhook signing secret (contracts/billing/connector.yaml `events.signature`). */
const DEMO_SIGNING_ENV = 'LEDGERLY_WEBHOOK_SECRET';

/** invoice.paid deliveries before the release (half as many after it). */
const WEBHOOKS = 24;

/** Env vars the demo must not inherit: it must never post to a real team's Slack. */
const NOT_INHERITED = /^(DRIFTWATCH_DB|DRIFTWATCH_SLACK_WEBHOOK|.*_SLACK_WEBHOOK|DRIFTWATCH_WEBHOOK_URL)$/;

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { hooks } = options;
  const root = await mkdtemp(join(tmpdir(), 'driftwatch-demo-'));
  const token = `demo_${randomBytes(12).toString('hex')}`;
  let vendor: DemoVendor | undefined;
  let store: HistoryStore | undefined;
  let slack: SlackReceiver | undefined;
  let receiver: Receiver | undefined;
  try {
    vendor = await startDemoVendor({ token, release: 'v1' });
    slack = await startSlackReceiver();
    await copyExampleContracts(root, vendor.url);
    const webhookSecret = `whsec_${randomBytes(12).toString('hex')}`;
    const env = { ...withoutInherited(options.env), [DEMO_TOKEN_ENV]: token, [DEMO_WEBHOOK_ENV]: slack.url, [DEMO_SIGNING_ENV]: webhookSecret };
    store = await openSqliteStore(join(root, '.driftwatch', 'history.db'));
    const common = { root, store, env, now: options.now, log: hooks.log };

    hooks.step(`Ledgerly (the demo billing vendor) is up at ${vendor.url}; project folder ${root}`);
    hooks.step('1. Accept the baseline: sample every endpoint and write snapshots/');
    hooks.accepted(await accept(common));

    hooks.step('2. A quiet scan: nothing changed, nothing to report');
    hooks.scanned(await scan(common));

    // Ledgerly's webhooks reach `driftwatch receive`, a witness beside the ERP sync (a relay tees them to it).
    const judged: ScanResult[] = [];
    receiver = await startReceiver({ ...common, port: 0, batchMs: 20, notify: {}, onJudged: (r) => judged.push(r) });
    const hookUrl = `${receiver.url}/hooks/billing`;
    hooks.step(`2b. Ledgerly's invoice.paid webhooks arrive, Stripe-signed, at driftwatch receive (${hookUrl}); accept learns the event type`);
    await sendWebhooks(hookUrl, Array.from({ length: WEBHOOKS }, (_, i) => invoicePaidEvent(i, 'v1')), webhookSecret, options.now);
    await receiver.queue.flush();
    hooks.accepted(await accept({ ...common, events: true }));

    vendor.setRelease('v2');
    hooks.step('3. Ledgerly ships its 2026-11 point release (no changelog entry, as usual)');
    hooks.step('4. The nightly scan');
    const result = await scan({ ...common, notify: {} });
    hooks.scanned(result);

    hooks.step('4b. The next invoice.paid webhooks, after the release');
    judged.length = 0;
    await sendWebhooks(hookUrl, Array.from({ length: WEBHOOKS / 2 }, (_, i) => invoicePaidEvent(WEBHOOKS + i, 'v2')), webhookSecret, options.now);
    await receiver.queue.flush();
    for (const batch of judged) if (batch.changes.length > 0) hooks.scanned(batch);

    hooks.step('5. What the owner got in Slack (a local stand-in for the webhook)');
    hooks.slack(slack.received.map(slackMessageAsText));

    hooks.step('6. The drift history');
    hooks.history(await store.listDrifts({}));
    return { root, kept: options.keep, scan: result };
  } finally {
    await receiver?.close();
    await store?.close();
    await vendor?.close();
    await slack?.close();
    if (!options.keep) await rm(root, { recursive: true, force: true });
  }
}

/** Copies the bundled example connectors (not their tests) and points them at the running demo vendor. */
async function copyExampleContracts(root: string, vendorUrl: string): Promise<void> {
  const source = join(packageRoot(), 'contracts');
  await cp(source, join(root, 'contracts'), {
    recursive: true,
    filter: (path) => !/\.(test\.)?ts$/.test(path),
  });
  const file = join(root, 'contracts', 'billing', 'connector.yaml');
  const doc = parseDocument(await readFile(file, 'utf8'));
  doc.set('baseUrl', vendorUrl);
  await writeFile(file, doc.toString(), 'utf8');
}

function withoutInherited(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !NOT_INHERITED.test(key)));
}
