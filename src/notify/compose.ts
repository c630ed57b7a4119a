// Composes a connector's outbox messages from one run's drift events. Pure: the store runs it inside the transaction
// that records those events, so a message exists exactly when its events do.
import { createHash } from 'node:crypto';
import type { Connector } from '../core/model.js';
import type { ResolvedOwnership } from '../core/ownership.js';
import type { DriftEvent } from '../store/ports/findings.js';
import type { OutboxDraft } from '../store/ports/outbox.js';
import { buildNotification, buildSlackMessage, NOTIFY_EVENTS } from './build-message.js';
import { formatTarget, type Target } from './deliver.js';

export interface ComposeInput {
  connector: Pick<Connector, 'name' | 'vendor' | 'businessProcess' | 'failureMode'>;
  ownership: ResolvedOwnership;
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

/** One message per target for the connector's news in this run (none when there is no news). */
export function composeMessages(input: ComposeInput): OutboxDraft[] {
  const events = newsIn(input.events);
  const notification = buildNotification({ connector: input.connector, ownership: input.ownership, events, runId: input.runId });
  if (!notification) return [];
  const fingerprints = [...new Set(events.map((e) => e.drift.fingerprint))];
  return input.targets.map((target) => ({
    key: idempotencyKey(target, input.connector.name, events, input.runId),
    connector: input.connector.name,
    target: formatTarget(target),
    payload: target.kind === 'slack' ? buildSlackMessage(notification) : notification,
    createdAt: input.createdAt,
    nextAttemptAt: input.createdAt,
    fingerprints,
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
