// Composes a connector's outbox messages from one run's drift events, and its escalations. Pure: the store runs it
// inside the transaction that records those events, so a message exists exactly when its events do.
import { createHash } from 'node:crypto';
import type { Connector } from '../core/model.js';
import type { ResolvedOwnership } from '../core/ownership.js';
import type { DriftEvent } from '../store/ports/findings.js';
import type { OutboxDraft } from '../store/ports/outbox.js';
import type { DriftRecord } from '../store/tables.js';
import { buildNotification, buildSlackMessage, NOTIFY_EVENTS } from './build-message.js';
import { formatTarget, type Target } from './deliver.js';
import { escalationKey } from './escalate.js';
import { pagerDutyEvent, pages } from './pagerduty.js';
import type { Route } from './route.js';

export interface ComposeInput {
  connector: Pick<Connector, 'name' | 'vendor' | 'businessProcess' | 'failureMode'>;
  ownership: ResolvedOwnership;
  /** The connector's fallback chain (who the message is addressed to, who was skipped). */
  route?: Route;
  /** Where the connector's messages go (resolved from the environment before the run). */
  targets: readonly Target[];
  runId: number;
  createdAt: string;
  events: readonly DriftEvent[];
}

/** The events worth a message: opened, escalated, reopened or resolved, not suppressed, warning or breaking. */
export function newsIn(events: readonly DriftEvent[]): DriftEvent[] {
  // Info findings (a new optional field, say) break nothing: they are in the history and the report, not in Slack.
  return events.filter((e) => NOTIFY_EVENTS.has(e.kind) && !e.drift.suppressed && e.drift.severity !== 'info');
}

/** One message per chat target for the connector's news in this run, and one page event per paging finding. */
export function composeMessages(input: ComposeInput): OutboxDraft[] {
  const events = newsIn(input.events);
  const notification = buildNotification({ connector: input.connector, ownership: input.ownership, events, runId: input.runId, ...(input.route ? { route: input.route } : {}) });
  if (!notification) return [];
  const fingerprints = [...new Set(events.map((e) => e.drift.fingerprint))];
  return input.targets.flatMap((target): OutboxDraft[] => {
    if (target.kind === 'pagerduty') {
      // A page per finding: PagerDuty deduplicates on the fingerprint, and `resolve` closes exactly that incident.
      return events.filter(pages).map((e) => ({
        key: idempotencyKey(target, input.connector.name, [e], input.runId),
        connector: input.connector.name,
        target: formatTarget(target),
        payload: pagerDutyEvent(e, notification),
        createdAt: input.createdAt,
        nextAttemptAt: input.createdAt,
        fingerprints: [e.drift.fingerprint],
      }));
    }
    return [
      {
        key: idempotencyKey(target, input.connector.name, events, input.runId),
        connector: input.connector.name,
        target: formatTarget(target),
        payload: target.kind === 'slack' ? buildSlackMessage(notification) : notification,
        createdAt: input.createdAt,
        nextAttemptAt: input.createdAt,
        fingerprints,
      },
    ];
  });
}

export interface EscalationInput extends Omit<ComposeInput, 'events' | 'route'> {
  route: Route;
  drift: DriftRecord;
  step: number;
  escalateAfterHours: number;
}

/** The message raising one unacknowledged breaking finding to stop `step` of the chain, keyed once per stop. */
export function composeEscalation(input: EscalationInput): OutboxDraft[] {
  const notification = buildNotification({
    connector: input.connector,
    ownership: input.ownership,
    route: input.route,
    step: input.step,
    escalateAfterHours: input.escalateAfterHours,
    events: [{ kind: 'escalated', drift: input.drift }],
    runId: input.runId,
  });
  if (!notification) return [];
  // A page already went out for it (PagerDuty escalates on its own schedule): escalation is for the chat chain.
  return input.targets
    .filter((t) => t.kind !== 'pagerduty')
    .map((target) => ({
      key: escalationKey(formatTarget(target), input.connector.name, input.drift.fingerprint, input.step),
      connector: input.connector.name,
      target: formatTarget(target),
      payload: target.kind === 'slack' ? buildSlackMessage(notification) : notification,
      createdAt: input.createdAt,
      nextAttemptAt: input.createdAt,
      fingerprints: [input.drift.fingerprint],
    }));
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
