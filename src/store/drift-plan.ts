// Pure drift bookkeeping shared by every store: what one run's change does to the drift it maps to.
import type { Evidence, Finding, Severity } from '../core/model.js';
import type { DriftEventKind, RunScope } from './ports/findings.js';
import type { DriftRecord, FindingEventKind } from './tables.js';

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, breaking: 2 };

/** Orders severities info < warning < breaking: negative when `a` is milder than `b`. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_RANK[a] - SEVERITY_RANK[b];
}

/** True when `next` is strictly worse for the consumer than `previous`. */
function isEscalation(previous: Severity, next: Severity): boolean {
  return compareSeverity(next, previous) > 0;
}

/** Canonical ISO-8601 UTC text for a time given as ISO text: stores compare times as text. */
export function toIso(at: string): string {
  return new Date(at).toISOString();
}

/**
 * JSON text with object keys sorted, so equal values give equal text (undefined gives null:
 * "no value" is not the JSON value null).
 */
export function canonicalJson(value: unknown): string | null {
  if (value === undefined) return null;
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export type DriftState = Omit<DriftRecord, 'id'>;

export interface DriftPlan {
  event: DriftEventKind;
  next: DriftState;
}

/** What a change seen in run `runId` at `at` does to its drift (`existing` null: never seen before). */
export function planDrift(existing: DriftRecord | null, change: Finding, runId: number, at: string): DriftPlan {
  const evidence = mergeEvidence(existing?.evidence ?? [], change.evidence);
  const seen = {
    fingerprint: change.fingerprint,
    connector: change.connector,
    endpoint: change.endpoint,
    rule: change.rule,
    path: change.path,
    severity: change.severity,
    source: sourcesOf(change),
    message: change.message,
    evidence,
    before: change.before,
    after: change.after,
    pinned: change.pinned ?? null,
    suppressed: change.suppressed !== undefined,
    lastSeenRun: runId,
    lastSeenAt: at,
  };
  if (existing === null) {
    return {
      event: 'opened',
      next: { ...seen, status: 'open', firstSeenRun: runId, firstSeenAt: at, resolvedAt: null, note: null },
    };
  }
  const kept = { firstSeenRun: existing.firstSeenRun, firstSeenAt: existing.firstSeenAt, note: existing.note };
  const reopen: DriftPlan = { event: 'reopened', next: { ...seen, ...kept, status: 'open', resolvedAt: null } };
  switch (existing.status) {
    case 'resolved':
      return reopen;
    case 'accepted':
      // Accepting covers the value that was accepted: the vendor moving again deserves a fresh look, and so does a
      // consumer contract that now says it breaks (accepting what the vendor sends does not mend a contract).
      if (canonicalJson(existing.after) !== canonicalJson(change.after)) return reopen;
      if (change.evidence.some((e) => e.source === 'pact') && !existing.evidence.some((e) => e.source === 'pact')) return reopen;
      return { event: 'seen', next: { ...seen, ...kept, status: 'accepted', resolvedAt: existing.resolvedAt } };
    case 'open':
    case 'acknowledged': {
      // An `ignore:` entry that expired (or was removed) makes a suppressed drift count again: its owner hears of it
      // again, as of a drift that came back. One that becomes suppressed is merely seen: nobody is paged for it.
      const event: DriftEventKind =
        existing.suppressed && !seen.suppressed
          ? 'reopened'
          : seen.suppressed && !existing.suppressed
            ? 'seen'
            : isEscalation(existing.severity, change.severity)
              ? 'escalated'
              : 'seen';
      return { event, next: { ...seen, ...kept, status: existing.status, resolvedAt: existing.resolvedAt } };
    }
  }
}

/** The lines a planned change adds to the finding's story (a plain sighting adds none: it changes no status). */
export function storyLines(existing: DriftRecord | null, plan: DriftPlan, change: Finding): Array<{ kind: FindingEventKind; note: string | null }> {
  const lines: Array<{ kind: FindingEventKind; note: string | null }> = [];
  if (plan.event !== 'seen') lines.push({ kind: plan.event, note: plan.next.message });
  if (existing !== null) {
    const key = (e: Evidence): string => `${e.source}\u0000${e.where ?? ''}`;
    const known = new Set(existing.evidence.map(key));
    const added = plan.next.evidence.filter((e) => !known.has(key(e)));
    if (added.length > 0) lines.push({ kind: 'evidence-added', note: added.map((e) => (e.where ? `${e.source} (${e.where})` : e.source)).join(', ') });
    // An `ignore:` entry now covers it: nobody is paged for it any more, and the story says why.
    if (plan.next.suppressed && !existing.suppressed) lines.push({ kind: 'ignored', note: change.suppressed?.reason ?? null });
  }
  return lines;
}

/** The drift once it was not seen again by a run that observed its endpoint. */
export function planResolve(existing: DriftRecord, at: string): DriftState {
  const { id: _id, ...rest } = existing;
  return { ...rest, status: 'resolved', resolvedAt: at };
}

/** The places a run observed, each with the sources that looked there. */
export function scopePlaces(scope: RunScope): Array<{ connector: string; endpoint: string; sources: Set<string> }> {
  const places = new Map<string, { connector: string; endpoint: string; sources: Set<string> }>();
  for (const o of scope.observed) {
    const key = JSON.stringify([o.connector, o.endpoint]);
    const place = places.get(key) ?? { connector: o.connector, endpoint: o.endpoint, sources: new Set<string>() };
    place.sources.add(o.source);
    places.set(key, place);
  }
  return [...places.values()];
}

/** A live drift not seen again resolves only when every source of its last sighting looked at its place this run. */
export function resolvableBy(drift: DriftRecord, sources: ReadonlySet<string>): boolean {
  return drift.source.split(',').every((s) => sources.has(s));
}

/** The drift's sources, comma-separated, in the finding's order. */
function sourcesOf(finding: Finding): string {
  return [...new Set(finding.evidence.map((e) => e.source))].join(',');
}

/** Evidence kept on a drift: one entry per source and place it was seen through, the latest words of each. */
function mergeEvidence(old: readonly Evidence[], fresh: readonly Evidence[]): Evidence[] {
  const key = (e: Evidence): string => `${e.source}\u0000${e.where ?? ''}`;
  const merged = new Map(old.map((e) => [key(e), e]));
  for (const e of fresh) merged.set(key(e), e);
  return [...merged.values()];
}

/** Keeps the first change per fingerprint: one run reports each drift once. */
export function uniqueByFingerprint(changes: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const c of changes) {
    if (seen.has(c.fingerprint)) continue;
    seen.add(c.fingerprint);
    out.push(c);
  }
  return out;
}

/** Last-error text for the outbox: bounded, and with anything that looks like a webhook URL removed. */
export function cleanError(error: string): string {
  // Slack webhook URLs are credentials; a delivery error may echo the URL it failed on.
  const scrubbed = error.replace(/https?:\/\/[^\s"'<>]+/g, (url) => {
    try {
      const u = new URL(url);
      return `${u.protocol}//${u.host}/[redacted]`;
    } catch {
      return '[redacted-url]';
    }
  });
  return scrubbed.length > 2000 ? `${scrubbed.slice(0, 2000)}…` : scrubbed;
}
