// Notifications of a run: owners and targets resolved before it, messages composed inside its recording transaction
// (src/notify/compose.ts), delivery from the outbox after it.
import type { Connector } from '../core/model.js';
import { resolveOwnership } from '../core/ownership.js';
import { composeEscalation, composeMessages, idempotencyKey, newsIn } from '../notify/compose.js';
import { dueEscalations } from '../notify/escalate.js';
import { routeFor } from '../notify/route.js';
import type { DriftRecord } from '../store/tables.js';
import type { DriftNotification } from '../notify/build-message.js';
import { formatTarget, type Target } from '../notify/deliver.js';
import { flushOutbox, type FlushOptions, type FlushReport } from '../notify/flush-outbox.js';
import { loadOwners } from '../owners/load-owners.js';
import type { DriftEvent, FindingStore } from '../store/ports/findings.js';
import type { OutboxDraft, OutboxStore } from '../store/ports/outbox.js';
import type { NotifyReport } from '../report/model/notify.js';

export type { NotifyReport };

/** The project-wide Slack webhook, used when a connector names none of its own. */
export const DEFAULT_SLACK_WEBHOOK_ENV = 'DRIFTWATCH_SLACK_WEBHOOK';
/** A generic JSON webhook, for teams without Slack. */
export const DEFAULT_JSON_WEBHOOK_ENV = 'DRIFTWATCH_WEBHOOK_URL';
/** The PagerDuty Events v2 routing key (an integration key): when set, breaking findings and outages page. */
export const DEFAULT_PAGERDUTY_ENV = 'DRIFTWATCH_PAGERDUTY_ROUTING_KEY';

export interface NotifyRunOptions {
  root: string;
  store: OutboxStore;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  connectors: readonly Connector[];
  /** Delivery knobs (timeouts, backoff, how long to wait for quick retries). */
  flush?: Omit<FlushOptions, 'env' | 'now'>;
}


/** What a run hands to the notifier: its id and what happened to its drifts (a scan or a recorded verify). */
export interface NotifiableRun {
  runId: number;
  events: readonly DriftEvent[];
}

/** How long a CLI run waits in-process for a quick retry (a short Retry-After) before leaving it to the next flush. */
const RUN_MAX_WAIT_MS = 5_000;
const RUN_BASE_DELAY_MS = 2_000;

/**
 * Composes messages for a run's drift events, connector by connector. Made before the run (owners.yaml read, targets
 * taken from the environment) so that `compose` is pure and can run inside the store's transaction.
 */
export interface Notifier {
  compose(connector: Connector, runId: number, events: readonly DriftEvent[], createdAt: string): OutboxDraft[];
  /**
   * Messages raising the connector's open breaking findings nobody acknowledged within `escalateAfter` to the next
   * stop of its chain (at `now`, the run's clock); keyed once per finding and stop.
   */
  escalate(connector: Connector, runId: number, open: readonly DriftRecord[], now: Date): OutboxDraft[];
  /** Connectors with news but nowhere to send it, as human lines. */
  readonly notices: string[];
}

export async function prepareNotifier(opts: { root: string; env: Readonly<Record<string, string | undefined>> }): Promise<Notifier> {
  const { registry } = await loadOwners(opts.root);
  const notices: string[] = [];
  return {
    notices,
    compose(connector, runId, events, createdAt) {
      const news = newsIn(events);
      if (news.length === 0) return [];
      const ownership = resolveOwnership(connector, registry);
      const route = routeFor(connector, registry);
      const targets = targetsFor([route.steps[0]?.webhookEnv, ownership.slackWebhookEnv], opts.env);
      if (targets.length === 0) {
        const wanted = ownership.slackWebhookEnv ? `$${ownership.slackWebhookEnv} or $${DEFAULT_SLACK_WEBHOOK_ENV}` : `$${DEFAULT_SLACK_WEBHOOK_ENV}`;
        notices.push(`${connector.name}: ${news.length} drift event(s) not sent: set ${wanted} (or $${DEFAULT_JSON_WEBHOOK_ENV}) to the webhook URL`);
        return [];
      }
      return composeMessages({ connector, ownership, route, targets, runId, createdAt, events: news });
    },
    escalate(connector, runId, open, now) {
      const route = routeFor(connector, registry);
      const ownership = resolveOwnership(connector, registry);
      const createdAt = now.toISOString();
      return dueEscalations(open, route.steps.length, now, registry.escalateAfterHours).flatMap(({ drift, step }) =>
        composeEscalation({
          connector,
          ownership,
          route,
          drift,
          step,
          escalateAfterHours: registry.escalateAfterHours,
          targets: targetsFor([route.steps[step]?.webhookEnv, ownership.slackWebhookEnv], opts.env),
          runId,
          createdAt,
        }),
      );
    },
  };
}

/** Enqueues the escalations due now for the connectors' open findings; returns the messages that were new. */
export async function enqueueEscalations(
  store: OutboxStore & Pick<FindingStore, 'listDrifts'>,
  notifier: Notifier,
  connectors: readonly Connector[],
  runId: number,
  now: Date,
): Promise<OutboxDraft[]> {
  const open = await store.listDrifts({ status: 'open' });
  const added: OutboxDraft[] = [];
  for (const connector of connectors) {
    const mine = open.filter((d) => d.connector === connector.name);
    if (mine.length === 0) continue;
    for (const message of notifier.escalate(connector, runId, mine, now)) if (await store.enqueue(message)) added.push(message);
  }
  return added;
}

/** Delivers what the outbox holds now, with the knobs of a run (a short in-process wait for quick retries). */
export function flushAfterRun(store: OutboxStore, opts: Pick<NotifyRunOptions, 'env' | 'now' | 'flush'>): Promise<FlushReport> {
  return flushOutbox(store, { baseDelayMs: RUN_BASE_DELAY_MS, maxWaitMs: RUN_MAX_WAIT_MS, ...opts.flush, env: opts.env, now: opts.now });
}

/** The report of a run whose messages were composed in its transactions. */
export function notifyReport(enqueued: readonly OutboxDraft[], flush: FlushReport, notices: readonly string[]): NotifyReport {
  return { enqueued: enqueued.map((m) => ({ connector: m.connector, target: m.target, key: m.key })), flush, notices: [...notices] };
}

/**
 * For a run already recorded without messages: enqueues one message per connector and target for its news, then
 * flushes the whole outbox, older leftovers included. Idempotent per run (the keys). `scan` with its `notify` option
 * writes the messages in the recording transaction instead: prefer it.
 * Never throws on a delivery failure: it stays in the outbox with its error and next attempt time.
 */
export async function notifyRun(result: NotifiableRun, opts: NotifyRunOptions): Promise<NotifyReport> {
  const notifier = await prepareNotifier(opts);
  const createdAt = opts.now().toISOString();
  const enqueued: OutboxDraft[] = [];
  for (const connector of opts.connectors) {
    const events = result.events.filter((e) => e.drift.connector === connector.name);
    for (const message of notifier.compose(connector, result.runId, events, createdAt)) {
      if (await opts.store.enqueue(message)) enqueued.push(message);
    }
  }
  return notifyReport(enqueued, await flushAfterRun(opts.store, opts), notifier.notices);
}

/**
 * The first Slack webhook set among the preferred ones (the addressed person's or team's own, the connector's), else
 * the project's; plus the JSON webhook and PagerDuty when configured.
 */
export function targetsFor(preferred: string | undefined | ReadonlyArray<string | undefined>, env: Readonly<Record<string, string | undefined>>): Target[] {
  const targets: Target[] = [];
  const wanted = Array.isArray(preferred) ? preferred : [preferred];
  const slackEnv = [...wanted, DEFAULT_SLACK_WEBHOOK_ENV].find((name): name is string => name !== undefined && Boolean(env[name]));
  if (slackEnv) targets.push({ kind: 'slack', env: slackEnv });
  if (env[DEFAULT_JSON_WEBHOOK_ENV]) targets.push({ kind: 'webhook', env: DEFAULT_JSON_WEBHOOK_ENV });
  if (env[DEFAULT_PAGERDUTY_ENV]) targets.push({ kind: 'pagerduty', env: DEFAULT_PAGERDUTY_ENV });
  return targets;
}

export { idempotencyKey, formatTarget };
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
