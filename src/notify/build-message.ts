// Builds one connector's notification for one run: Slack Block Kit and a generic JSON document. Pure: no IO, no clock.
import type { Connector, Severity } from '../core/model.js';
import type { ResolvedOwnership } from '../core/ownership.js';
import type { Evidence } from '../core/model.js';
import { compareSeverity } from '../core/policy.js';
import type { DriftEvent, DriftEventKind } from '../store/ports/findings.js';
import { valueText } from '../core/value-text.js';
import { evidenceLines } from '../core/evidence-text.js';
import { nextActionFor, OUTAGE_RULE } from './next-action.js';
import { skippedText, type Route, type RouteStep, type SkippedStep } from './route.js';

/** Events worth interrupting a person for; `seen` is the same news again. */
export const NOTIFY_EVENTS: ReadonlySet<DriftEventKind> = new Set(['opened', 'escalated', 'reopened', 'resolved']);

export interface NotificationInput {
  connector: Pick<Connector, 'name' | 'vendor' | 'businessProcess' | 'failureMode'>;
  ownership: ResolvedOwnership;
  events: readonly DriftEvent[];
  runId: number;
  /** The connector's fallback chain; without one the message is addressed to the resolved owner. */
  route?: Route;
  /** Which stop of the chain this message is for: 0 at once, 1.. on escalation. */
  step?: number;
  /** For an escalation: the delay nobody acknowledged within. */
  escalateAfterHours?: number;
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
  /** Who saw it (live samples, the vendor's spec, a consumer contract...). */
  evidence: Evidence[];
  /** What settles this finding (accept, a contract change, nothing: an outage); absent for auth and ownership. */
  nextAction?: string;
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
  /** Who this message is addressed to (the chain's stop), and who the chain skipped and why. */
  to: RouteStep | null;
  skipped: SkippedStep[];
  /** Set when the message raises open breaking findings again, to the next in the chain. */
  escalation: { step: number; afterHours: number } | null;
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
    evidence: d.evidence,
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
        compareSeverity(a.severity, b.severity) ||
        (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0) ||
        (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    );
  if (changes.length === 0) return null;
  for (const c of changes) {
    const action = c.event === 'resolved' ? undefined : nextActionFor(c, input.connector.name);
    if (action) c.nextAction = action;
  }
  const summary = { breaking: 0, warning: 0, info: 0, resolved: 0 };
  for (const c of changes) {
    if (c.event === 'resolved') summary.resolved++;
    else summary[c.severity]++;
  }
  const o = input.ownership;
  const step = input.step ?? 0;
  const stops = input.route?.steps ?? [];
  return {
    type: 'driftwatch.drift',
    runId: input.runId,
    connector: input.connector.name,
    vendor: input.connector.vendor ?? null,
    businessProcess: input.connector.businessProcess ?? null,
    failureMode: input.connector.failureMode ?? null,
    owner: { name: o.ownerName ?? null, mention: o.mention ?? null, channel: o.channel ?? null },
    to: stops[Math.min(step, stops.length - 1)] ?? null,
    skipped: input.route?.skipped ?? [],
    escalation: step > 0 ? { step, afterHours: input.escalateAfterHours ?? 24 } : null,
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
  if (has((c) => c.nextAction !== undefined)) actions.push('Each change above says what settles it; commit the updated snapshots after an accept.');
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

/** Counts first: a long vendor name clipped at Slack's 150 characters never takes them with it. */
function headline(n: DriftNotification): string {
  const who = n.vendor ? `${n.connector} (${n.vendor})` : n.connector;
  const parts: string[] = [];
  for (const s of ['breaking', 'warning', 'info'] as const) if (n.summary[s] > 0) parts.push(`${n.summary[s]} ${s}`);
  if (parts.length === 0) return `${n.summary.resolved} resolved drift on ${who}`;
  const resolved = n.summary.resolved > 0 ? `, ${n.summary.resolved} resolved` : '';
  return `${parts.join(', ')}${resolved}${n.escalation ? ' (escalated)' : ''} drift on ${who}`;
}

/** A member id mention (`<@U123>`) is how Slack pings a person; anything else is text and is escaped like vendor text. */
export function safeMention(mention: string): string {
  return /^<@[UW][A-Z0-9]+>$/.test(mention) ? mention : escapeMrkdwn(mention);
}

/** Who the message is for, who was skipped and why, and for an escalation who did not acknowledge in time. */
function routingLines(n: DriftNotification): string[] {
  const owner = n.owner.mention ?? n.owner.name;
  const lines: string[] = [];
  if (n.to) lines.push(`*To:* ${safeMention(n.to.mention)} (${n.to.role})${n.owner.channel ? ` · ${escapeMrkdwn(n.owner.channel)}` : ''}`);
  else lines.push(`*Owner:* ${owner ? safeMention(owner) : '_nobody named_'}${n.owner.channel ? ` · ${escapeMrkdwn(n.owner.channel)}` : ''}`);
  if (n.escalation) lines.push(`*Escalated:* not acknowledged within ${n.escalation.afterHours} h (step ${n.escalation.step} of the chain)`);
  for (const skip of n.skipped) lines.push(`*Skipped:* ${escapeMrkdwn(skippedText(skip))}`);
  return lines;
}

/** The Slack Block Kit message for a notification. */
export function buildSlackMessage(n: DriftNotification): SlackMessage {
  const title = headline(n);
  const onlyResolved = n.changes.every((c) => c.event === 'resolved');
  const blocks: SlackBlock[] = [{ type: 'header', text: { type: 'plain_text', text: clip(title, 150), emoji: true } }];

  if (!onlyResolved) {
    const facts = [
      `*Connector:* ${escapeMrkdwn(n.connector)}${n.vendor ? ` (vendor: ${escapeMrkdwn(n.vendor)})` : ''}`,
      `*Business process at risk:* ${n.businessProcess ? escapeMrkdwn(n.businessProcess) : '_not recorded in connector.yaml_'}`,
      n.failureMode ? `*How it fails:* ${escapeMrkdwn(n.failureMode)}` : undefined,
      ...routingLines(n),
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

  // The fallback `text` is mrkdwn too (notifications, screen readers): vendor and owner names are escaped there as well.
  const to = n.to?.mention ?? n.owner.mention ?? n.owner.name;
  const text = `${escapeMrkdwn(title)}${to ? ` (for ${safeMention(to)})` : ''}`;
  return { text, blocks };
}

function changeText(c: NotifiedChange): string {
  const where = `\`${escapeMrkdwn(c.endpoint)}\` \`${escapeMrkdwn(c.path)}\``;
  if (c.event === 'resolved') {
    return `:white_check_mark: *resolved* \`${c.rule}\` on ${where}: no longer seen (first seen ${c.firstSeenAt.slice(0, 10)})`;
  }
  const lines = [
    `${SEVERITY_ICON[c.severity]} *${c.severity.toUpperCase()}* \`${c.rule}\` · ${EVENT_WORD[c.event]} · \`${c.fingerprint}\``,
    `${where}: ${escapeMrkdwn(c.message)}`,
  ];
  // Findings such as a spec mismatch have no before/after: a line of "(none) → (none)" would only be noise.
  // An outage's `down` is its state, not a value the vendor sent.
  if ((c.before !== undefined || c.after !== undefined) && c.rule !== OUTAGE_RULE) lines.push(`${showValue(c.before)} → ${showValue(c.after)}`);
  const pin = c.pinned === true ? 'pinned by a consumer contract' : c.pinned === false ? 'not pinned by any contract' : undefined;
  lines.push(`First seen ${c.firstSeenAt.slice(0, 16).replace('T', ' ')} UTC${pin ? ` · ${pin}` : ''}`);
  for (const line of evidenceLines(c)) lines.push(`_${escapeMrkdwn(line.trim())}_`);
  if (c.nextAction) lines.push(`*Next:* ${escapeMrkdwn(c.nextAction)}`);
  return lines.join('\n');
}
