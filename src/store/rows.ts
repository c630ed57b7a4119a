// The rows both backends write, built once from the domain values (pure): a backend only runs its SQL on them.
import type { SampleOutcome, SeverityCounts } from '../core/model.js';
import type { DriftState } from './drift-plan.js';
import type { OutboxDraft } from './ports/outbox.js';
import type { WriteOf } from './schema.js';
import type { DRIFTS, EVENTS, OUTBOX, RUNS, SAMPLES } from './tables.js';
import type { FindingEventKind, RunKind } from './tables.js';

export function runRow(kind: RunKind, connectors: readonly string[], at: string): WriteOf<typeof RUNS> {
  return { kind, startedAt: at, finishedAt: null, finished: false, connectors: [...connectors], summary: null };
}

/** Only the four counts: a caller's richer summary object is not stored whole. */
export function summaryOf(summary: SeverityCounts & { errors: number }): SeverityCounts & { errors: number } {
  return { breaking: summary.breaking, warning: summary.warning, info: summary.info, errors: summary.errors };
}

/** What is kept of a sample: status, latency, size, hash and error class; never the body or a failure's text. */
export function sampleRow(runId: number, o: SampleOutcome): WriteOf<typeof SAMPLES> {
  if (o.ok) {
    const s = o.sample;
    return { runId, connector: s.connector, endpoint: s.endpoint, takenAt: s.takenAt, ok: true, status: s.status, latencyMs: s.latencyMs, sizeBytes: s.sizeBytes, bodyHash: s.bodyHash, errorKind: null };
  }
  const f = o.failure;
  return { runId, connector: f.connector, endpoint: f.endpoint, takenAt: f.takenAt, ok: false, status: f.status ?? null, latencyMs: f.latencyMs, sizeBytes: null, bodyHash: null, errorKind: f.kind };
}

export function driftRow(state: DriftState, updatedAt: string): WriteOf<typeof DRIFTS> {
  return { ...state, updatedAt };
}

export function eventRow(
  drift: { id: number; fingerprint: string },
  kind: FindingEventKind,
  at: string,
  actor: string,
  note: string | null,
  runId: number | null,
): WriteOf<typeof EVENTS> {
  return { driftId: drift.id, fingerprint: drift.fingerprint, kind, at, actor, note, runId };
}

export function outboxRow(m: OutboxDraft): WriteOf<typeof OUTBOX> {
  return {
    key: m.key,
    connector: m.connector,
    target: m.target,
    payload: m.payload ?? null,
    createdAt: m.createdAt,
    attempts: 0,
    nextAttemptAt: m.nextAttemptAt,
    deliveredAt: null,
    lastError: null,
    fingerprints: [...(m.fingerprints ?? [])],
  };
}
