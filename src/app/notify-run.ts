// After a scan: one message per connector (Slack and/or JSON webhook) for its drift events, via the outbox, then a flush.
import { createHash } from 'node:crypto';
import type { Connector } from '../core/model.js';
import { resolveOwnership } from '../core/ownership.js';
import { buildNotification, buildSlackMessage, NOTIFY_EVENTS, type DriftNotification } from '../notify/build-message.js';
import { formatTarget, type Target } from '../notify/deliver.js';
import { flushOutbox, type FlushOptions, type FlushReport } from '../notify/flush-outbox.js';
import { loadOwners } from '../owners/load-owners.js';
import type { DriftEvent, HistoryStore } from '../store/history-store.js';

/** The project-wide Slack webhook, used when a connector names none of its own. */
export const DEFAULT_SLACK_WEBHOOK_ENV = 'DRIFTWATCH_SLACK_WEBHOOK';
/** A generic JSON webhook, for teams without Slack. */
export const DEFAULT_JSON_WEBHOOK_ENV = 'DRIFTWATCH_WEBHOOK_URL';

export interface NotifyRunOptions {
  root: string;
  store: HistoryStore;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  connectors: readonly Connector[];
  /** Delivery knobs (timeouts, backoff, how long to wait for quick retries). */
  flush?: Omit<FlushOptions, 'env' | 'now'>;
}

export interface NotifyReport {
  /** Messages newly written to the outbox by this run. */
  enqueued: Array<{ connector: string; target: string; key: string }>;
  flush: FlushReport;
  /** Human lines: connectors with news but nowhere to send it, and similar. */
  notices: string[];
}

/** How long notifyRun waits in-process for a quick retry (a short Retry-After) before leaving it to the next flush. */
const RUN_MAX_WAIT_MS = 5_000;
const RUN_BASE_DELAY_MS = 2_000;

/**
 * Enqueues one message per connector and target for this run's opened, escalated, reopened and resolved drifts of
 * warning or breaking severity (a drift that merely stays open sends nothing), then flushes the whole outbox, including
 * older leftovers.
 * Never throws on a delivery failure: it stays in the outbox with its error and next attempt time.
 */
/** What a run hands to the notifier: its id and what happened to its drifts (a scan or a recorded verify). */
export interface NotifiableRun {
  runId: number;
  events: readonly DriftEvent[];
}

export async function notifyRun(result: NotifiableRun, opts: NotifyRunOptions): Promise<NotifyReport> {
  const { registry } = await loadOwners(opts.root);
  const byConnector = new Map<string, DriftEvent[]>();
  for (const event of result.events) {
    // Info findings (a new optional field, say) break nothing: they are in the history and the report, not in Slack.
    if (!NOTIFY_EVENTS.has(event.kind) || event.drift.suppressed || event.drift.severity === 'info') continue;
    const list = byConnector.get(event.drift.connector) ?? [];
    list.push(event);
    byConnector.set(event.drift.connector, list);
  }

  const enqueued: NotifyReport['enqueued'] = [];
  const notices: string[] = [];
  const createdAt = opts.now().toISOString();
  for (const [name, events] of byConnector) {
    const connector = opts.connectors.find((c) => c.name === name);
    if (!connector) continue;
    const ownership = resolveOwnership(connector, registry);
    const notification = buildNotification({ connector, ownership, events, runId: result.runId });
    if (!notification) continue;
    const targets = targetsFor(ownership.slackWebhookEnv, opts.env);
    if (targets.length === 0) {
      const wanted = ownership.slackWebhookEnv ? `$${ownership.slackWebhookEnv} or $${DEFAULT_SLACK_WEBHOOK_ENV}` : `$${DEFAULT_SLACK_WEBHOOK_ENV}`;
      notices.push(`${name}: ${events.length} drift event(s) not sent: set ${wanted} (or $${DEFAULT_JSON_WEBHOOK_ENV}) to the webhook URL`);
      continue;
    }
    for (const target of targets) {
      const key = idempotencyKey(target, name, events, result.runId);
      const payload = target.kind === 'slack' ? buildSlackMessage(notification) : notification;
      const added = await opts.store.enqueue({ key, connector: name, target: formatTarget(target), payload, createdAt, nextAttemptAt: createdAt });
      if (added) enqueued.push({ connector: name, target: formatTarget(target), key });
    }
  }

  const flush = await flushOutbox(opts.store, {
    baseDelayMs: RUN_BASE_DELAY_MS,
    maxWaitMs: RUN_MAX_WAIT_MS,
    ...opts.flush,
    env: opts.env,
    now: opts.now,
  });
  return { enqueued, flush, notices };
}

/** The connector's own Slack webhook if set, else the project's; plus the JSON webhook when configured. */
export function targetsFor(connectorEnv: string | undefined, env: Readonly<Record<string, string | undefined>>): Target[] {
  const targets: Target[] = [];
  const slackEnv = [connectorEnv, DEFAULT_SLACK_WEBHOOK_ENV].find((name): name is string => name !== undefined && Boolean(env[name]));
  if (slackEnv) targets.push({ kind: 'slack', env: slackEnv });
  if (env[DEFAULT_JSON_WEBHOOK_ENV]) targets.push({ kind: 'webhook', env: DEFAULT_JSON_WEBHOOK_ENV });
  return targets;
}

/**
 * Drift fingerprint + event (+ the run that produced it, so a drift resolved, reopened and resolved again notifies
 * each time) for every event in the message, per target: re-running the notification for the same run adds nothing.
 */
export function idempotencyKey(target: Target, connector: string, events: readonly DriftEvent[], runId: number): string {
  const parts = events.map((e) => `${e.drift.fingerprint}:${e.kind}:${e.kind === 'resolved' ? (e.drift.resolvedAt ?? runId) : e.drift.lastSeenRun}`).sort();
  const digest = createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 24);
  return `${formatTarget(target)}:${connector}:${digest}`;
}

export type { DriftNotification };

/** Progress lines for stderr after a scan: what was sent, what waits in the outbox, what had nowhere to go. */
export function notifyLogLines(report: NotifyReport): string[] {
  const lines = [...report.notices.map((n) => `notify: ${n}`)];
  for (const d of report.flush.delivered) lines.push(`notify: delivered ${d.connector} → ${d.target}`);
  for (const f of report.flush.failed) {
    lines.push(`notify: ${f.connector} → ${f.target} failed (${f.error}); kept in the outbox, next attempt ${f.nextAttemptAt} (\`driftwatch notify --flush\`)`);
  }
  return lines;
}
