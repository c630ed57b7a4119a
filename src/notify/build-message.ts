// Builds one connector's notification for one run: Slack Block Kit and a generic JSON document. Pure: no IO, no clock.
import type { Connector, Severity } from '../core/model.js';
import type { ResolvedOwnership } from '../core/ownership.js';
import type { DriftEvent, DriftEventKind } from '../store/ports/findings.js';
import { valueText } from '../core/value-text.js';

/** Events worth interrupting a person for; `seen` is the same news again. */
export const NOTIFY_EVENTS: ReadonlySet<DriftEventKind> = new Set(['opened', 'escalated', 'reopened', 'resolved']);

export interface NotificationInput {
  connector: Pick<Connector, 'name' | 'vendor' | 'businessProcess' | 'failureMode'>;
  ownership: ResolvedOwnership;
  events: readonly DriftEvent[];
  runId: number;
}

export interface NotifiedChange {
  event: DriftEventKind;
  fingerprint: string;
  rule: string;
  severity: Severity;
  source: string;
  endpoint: string;
  path: string;
  before: unknown;
  after: unknown;
  /** true/false when the pacts are known, null when nobody knows. */
  pinned: boolean | null;
  firstSeenAt: string;
  message: string;
}

/** The generic webhook body (and the data the Slack message is drawn from). */
export interface DriftNotification {
  type: 'driftwatch.drift';
  runId: number;
  connector: string;
  vendor: string | null;
  businessProcess: string | null;
  failureMode: string | null;
  owner: { name: string | null; mention: string | null; channel: string | null };
  runbook: string | null;
  summary: { breaking: number; warning: number; info: number; resolved: number };
  changes: NotifiedChange[];
  nextActions: string[];
}

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

export type SlackText = { type: 'mrkdwn' | 'plain_text'; text: string; emoji?: boolean };
export type SlackBlock =
  | { type: 'header'; text: SlackText }
  | { type: 'section'; text: SlackText; fields?: SlackText[] }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'divider' };

const SEVERITY_ORDER: Record<Severity, number> = { breaking: 0, warning: 1, info: 2 };
const SEVERITY_ICON: Record<Severity, string> = { breaking: ':red_circle:', warning: ':large_orange_circle:', info: ':large_blue_circle:' };
const EVENT_WORD: Record<DriftEventKind, string> = { opened: 'new', escalated: 'escalated', reopened: 'back again', resolved: 'resolved', seen: 'still open' };
/** Slack allows 50 blocks per message; the rest is summarised in one line. */
const MAX_CHANGE_BLOCKS = 25;
const MAX_SECTION_CHARS = 2900;

export function toNotifiedChange(event: DriftEvent): NotifiedChange {
  const d = event.drift;
  return {
    event: event.kind,
    fingerprint: d.fingerprint,
    rule: d.rule,
    severity: d.severity,
    source: d.source,
    endpoint: d.endpoint,
    path: d.path,
    before: d.before,
    after: d.after,
    pinned: d.pinned,
    firstSeenAt: d.firstSeenAt,
    message: d.message,
  };
}

/** The notification for one connector, or null when none of its events is worth a message. */
export function buildNotification(input: NotificationInput): DriftNotification | null {
  const changes = input.events
    .filter((e) => NOTIFY_EVENTS.has(e.kind) && !e.drift.suppressed)
    .map(toNotifiedChange)
    .sort(
      (a, b) =>
        Number(a.event === 'resolved') - Number(b.event === 'resolved') ||
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0) ||
        (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    );
  if (changes.length === 0) return null;
  const summary = { breaking: 0, warning: 0, info: 0, resolved: 0 };
  for (const c of changes) {
    if (c.event === 'resolved') summary.resolved++;
    else summary[c.severity]++;
  }
  const o = input.ownership;
  return {
    type: 'driftwatch.drift',
    runId: input.runId,
    connector: input.connector.name,
    vendor: input.connector.vendor ?? null,
    businessProcess: input.connector.businessProcess ?? null,
    failureMode: input.connector.failureMode ?? null,
    owner: { name: o.ownerName ?? null, mention: o.mention ?? null, channel: o.channel ?? null },
    runbook: o.runbook ?? null,
    summary,
    changes,
    nextActions: nextActions(input.connector.name, changes),
  };
}

/** What the reader should do, per kind of finding, most urgent first. */
export function nextActions(connector: string, changes: readonly NotifiedChange[]): string[] {
  const open = changes.filter((c) => c.event !== 'resolved');
  const actions: string[] = [];
  const has = (pred: (c: NotifiedChange) => boolean): NotifiedChange | undefined => open.find(pred);
  const rejected = has((c) => c.rule === 'auth-rejected');
  if (rejected) actions.push(`Check the credential the vendor rejected (${credentialOf(rejected)}), rotate it at the vendor and update the secret store.`);
  const expiring = has((c) => c.rule === 'credential-expiring');
  if (expiring) actions.push(`Rotate the credential ${credentialOf(expiring)} before ${String(expiring.after).slice(0, 10)}.`);
  if (has((c) => c.rule === 'tls-certificate-expiring')) actions.push('Ask the vendor to renew the TLS certificate of their API host.');
  if (has((c) => c.rule === 'credential-shared')) actions.push('Give each connector its own credential so one rotation cannot break several flows.');
  if (has((c) => c.source === 'ownership')) actions.push('Update contracts/owners.yaml (owner, channel, reviewedAt) and the runbook link in connector.yaml.');
  if (has((c) => c.source !== 'auth' && c.source !== 'ownership')) {
    actions.push(`If the vendor change is expected: \`driftwatch accept --connector ${connector}\` and commit the updated snapshots.`);
    actions.push('If not: fix the connector for the fields above before the next sync, or raise it with the vendor.');
  }
  if (open.length > 0) actions.push(`Timeline: \`driftwatch history --connector ${connector}\`.`);
  return actions;
}

function credentialOf(change: NotifiedChange): string {
  const env = /^auth\.(.+)$/.exec(change.path)?.[1];
  return env ? `$${env}` : 'in connector.yaml `auth`';
}

/** Slack mrkdwn treats &, < and > as control characters; vendor values must not become links or mentions. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A before/after value as a short code span. */
export function showValue(value: unknown): string {
  if (value === undefined || value === null) return '_(none)_';
  return `\`${escapeMrkdwn(clip(valueText(value), 120)).replace(/`/g, "'")}\``;
}

function headline(n: DriftNotification): string {
  const who = n.vendor ? `${n.connector} (${n.vendor})` : n.connector;
  const parts: string[] = [];
  for (const s of ['breaking', 'warning', 'info'] as const) if (n.summary[s] > 0) parts.push(`${n.summary[s]} ${s}`);
  if (parts.length === 0) return `Drift resolved on ${who}`;
  const resolved = n.summary.resolved > 0 ? `, ${n.summary.resolved} resolved` : '';
  return `${who}: ${parts.join(', ')} drift${resolved}`;
}

/** The Slack Block Kit message for a notification. */
export function buildSlackMessage(n: DriftNotification): SlackMessage {
  const title = headline(n);
  const owner = n.owner.mention ?? n.owner.name;
  const onlyResolved = n.changes.every((c) => c.event === 'resolved');
  const blocks: SlackBlock[] = [{ type: 'header', text: { type: 'plain_text', text: clip(title, 150), emoji: true } }];

  if (!onlyResolved) {
    const facts = [
      `*Connector:* ${escapeMrkdwn(n.connector)}${n.vendor ? ` (vendor: ${escapeMrkdwn(n.vendor)})` : ''}`,
      `*Business process at risk:* ${n.businessProcess ? escapeMrkdwn(n.businessProcess) : '_not recorded in connector.yaml_'}`,
      n.failureMode ? `*How it fails:* ${escapeMrkdwn(n.failureMode)}` : undefined,
      // The mention is the one field left unescaped: `<@U123>` is how Slack pings a person.
      `*Owner:* ${owner ?? '_nobody named_'}${n.owner.channel ? ` · ${escapeMrkdwn(n.owner.channel)}` : ''}`,
    ].filter((l): l is string => l !== undefined);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: facts.join('\n') } });
    blocks.push({ type: 'divider' });
  }

  const shown = n.changes.slice(0, MAX_CHANGE_BLOCKS);
  for (const c of shown) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(changeText(c), MAX_SECTION_CHARS) } });
  if (n.changes.length > shown.length) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${n.changes.length - shown.length} more: \`driftwatch history --connector ${escapeMrkdwn(n.connector)}\`` }] });
  }

  if (!onlyResolved) {
    blocks.push({ type: 'divider' });
    const runbook = n.runbook ? `*Runbook:* <${n.runbook.replace(/[<>|]/g, '')}|${escapeMrkdwn(n.runbook)}>` : '*Runbook:* _none recorded (add `runbook:` to connector.yaml)_';
    const actions = n.nextActions.map((a) => `• ${a}`).join('\n');
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(`${runbook}\n*Next action:*\n${actions}`, MAX_SECTION_CHARS) } });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `driftwatch run #${n.runId}` }] });

  const text = `${title}${owner ? ` (owner ${owner})` : ''}`;
  return { text, blocks };
}

function changeText(c: NotifiedChange): string {
  const where = `\`${escapeMrkdwn(c.endpoint)}\` \`${escapeMrkdwn(c.path)}\``;
  if (c.event === 'resolved') {
    return `:white_check_mark: *resolved* \`${c.rule}\` on ${where}: no longer seen (first seen ${c.firstSeenAt.slice(0, 10)})`;
  }
  const lines = [
    `${SEVERITY_ICON[c.severity]} *${c.severity.toUpperCase()}* \`${c.rule}\` · ${EVENT_WORD[c.event]}`,
    `${where}: ${escapeMrkdwn(c.message)}`,
  ];
  // Findings such as a spec mismatch have no before/after: a line of "(none) → (none)" would only be noise.
  if (c.before !== undefined || c.after !== undefined) lines.push(`${showValue(c.before)} → ${showValue(c.after)}`);
  const pin = c.pinned === true ? 'pinned by a consumer contract' : c.pinned === false ? 'not pinned by any contract' : undefined;
  lines.push(`First seen ${c.firstSeenAt.slice(0, 16).replace('T', ' ')} UTC${pin ? ` · ${pin}` : ''}`);
  return lines.join('\n');
}
