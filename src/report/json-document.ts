// The JSON vocabulary every machine output shares: the schemaVersion, a before/after value, a finding, a drift.
// docs/schemas/ publishes it (common.schema.json); docs/outputs.md explains it.
import type { Evidence, Finding } from '../core/model.js';
import { valueText } from '../core/value-text.js';
import type { DriftRecord } from '../store/history-store.js';

/** Bumped only by a change that breaks a reader (a field removed or retyped); new fields keep it. */
const SCHEMA_VERSION = 1;

/**
 * A before/after value in one shape whatever the rule: the text a person reads and the raw value a program compares.
 * `null` (the whole pair) when the change has no such value; `{ text: "null", value: null }` when the value is null.
 */
export interface ShownValue {
  text: string;
  value: unknown;
}

export function shownValue(value: unknown): ShownValue | null {
  return value === undefined ? null : { text: valueText(value), value };
}

interface EvidenceJson {
  source: string;
  where: string | null;
  message: string;
}

function evidenceJson(evidence: readonly Evidence[]): EvidenceJson[] {
  return evidence.map((e) => ({ source: e.source, where: e.where ?? null, message: e.message }));
}

export function findingJson(f: Finding): Record<string, unknown> {
  return {
    fingerprint: f.fingerprint,
    connector: f.connector,
    endpoint: f.endpoint,
    rule: f.rule,
    severity: f.severity,
    path: f.path,
    message: f.message,
    before: shownValue(f.before),
    after: shownValue(f.after),
    evidence: evidenceJson(f.evidence),
    ...(f.reaches ? { reaches: f.reaches } : {}),
    pinned: f.pinned ?? null,
    suppressed: f.suppressed ? { reason: f.suppressed.reason, acceptedBy: f.suppressed.acceptedBy ?? null, expires: f.suppressed.expires ?? null } : null,
    accepted: f.accepted ? { at: f.accepted.at } : null,
    counted: f.suppressed === undefined && f.accepted === undefined,
  };
}

/** A drift as the store keeps it, field by field (what the store adds later is not published by accident). */
export function driftJson(d: DriftRecord): Record<string, unknown> {
  return {
    id: d.id,
    fingerprint: d.fingerprint,
    connector: d.connector,
    endpoint: d.endpoint,
    rule: d.rule,
    path: d.path,
    severity: d.severity,
    status: d.status,
    message: d.message,
    before: shownValue(d.before),
    after: shownValue(d.after),
    evidence: evidenceJson(d.evidence),
    source: d.source,
    pinned: d.pinned,
    suppressed: d.suppressed,
    firstSeenRun: d.firstSeenRun,
    firstSeenAt: d.firstSeenAt,
    lastSeenRun: d.lastSeenRun,
    lastSeenAt: d.lastSeenAt,
    resolvedAt: d.resolvedAt,
    note: d.note,
  };
}

/** One JSON document, `schemaVersion` first, with a trailing newline. */
export function jsonDocument(body: Record<string, unknown>): string {
  return `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...body }, null, 2)}\n`;
}
