// Every table of the history store, described once: the record types, mappers, column lists and `migrate`'s copy derive from here.
import type { Evidence, Severity, SeverityCounts, ShapeSchema } from '../core/model.js';
import { c, defineTable, type RecordOf } from './schema.js';

export type DriftStatus = 'open' | 'acknowledged' | 'accepted' | 'resolved';
export const DRIFT_STATUSES: readonly DriftStatus[] = ['open', 'acknowledged', 'accepted', 'resolved'];

export type RunKind = 'scan' | 'verify' | 'accept' | 'watch';

/**
 * A line of a finding's story (the append-only `events` table): how its status changed, when, by whom and why.
 * `noted`: a note added without a change of status (a post-mortem on a resolved drift).
 */
export type FindingEventKind =
  | 'opened'
  | 'evidence-added'
  | 'acknowledged'
  | 'noted'
  | 'accepted'
  | 'ignored'
  | 'escalated'
  | 'resolved'
  | 'reopened'
  | 'notified';

export const RUNS = defineTable(
  'runs',
  {
    id: c.id(),
    kind: c.text<RunKind>(),
    startedAt: c.time(),
    finishedAt: c.nullable(c.time()),
    /** false until finishRun: a killed scan stays unfinished, and is reported as such. */
    finished: c.boolean(),
    connectors: c.json<string[]>(),
    summary: c.nullable(c.json<SeverityCounts & { errors: number }>()),
  },
  { sameRow: ['kind', 'startedAt'] },
);

export const SAMPLES = defineTable(
  'samples',
  {
    id: c.internal(c.id()),
    runId: c.ref(),
    connector: c.text(),
    endpoint: c.text(),
    takenAt: c.time(),
    ok: c.boolean(),
    status: c.nullable(c.integer()),
    latencyMs: c.real(),
    sizeBytes: c.nullable(c.integer()),
    bodyHash: c.nullable(c.text()),
    errorKind: c.nullable(c.text()),
  },
  { sameRow: ['runId', 'takenAt', 'connector', 'endpoint'] },
);

export const DRIFTS = defineTable(
  'drifts',
  {
    id: c.id(),
    fingerprint: c.text(),
    connector: c.text(),
    endpoint: c.text(),
    rule: c.text(),
    path: c.text(),
    severity: c.text<Severity>(),
    /** The sources of the latest sighting, comma-separated (`snapshot,spec`): all must look again to resolve it. */
    source: c.text(),
    message: c.text(),
    /** Every source that ever saw this change, the latest words of each. */
    evidence: c.json<Evidence[]>(),
    before: c.optionalJson(),
    after: c.optionalJson(),
    status: c.text<DriftStatus>(),
    pinned: c.nullable(c.boolean()),
    suppressed: c.boolean(),
    firstSeenRun: c.ref(),
    firstSeenAt: c.time(),
    lastSeenRun: c.ref(),
    lastSeenAt: c.time(),
    resolvedAt: c.nullable(c.time()),
    note: c.nullable(c.text()),
    updatedAt: c.internal(c.time()),
  },
  { keys: ['fingerprint'], columns: { before: 'before_value', after: 'after_value' } },
);

export const OUTBOX = defineTable(
  'outbox',
  {
    id: c.id(),
    /** Idempotency key: drift fingerprint + event (or another unique key): delivered at most once. */
    key: c.text(),
    connector: c.text(),
    /** Where to deliver: a channel or the *name* of a webhook env var, never the webhook URL (a secret). */
    target: c.text(),
    payload: c.json<unknown>(),
    createdAt: c.time(),
    attempts: c.integer(),
    nextAttemptAt: c.time(),
    deliveredAt: c.nullable(c.time()),
    lastError: c.nullable(c.text()),
    /** The findings the message tells of: their stories get a `notified` line when it is delivered. */
    fingerprints: c.internal(c.json<string[]>()),
  },
  { keys: ['key'] },
);

const LEASES = defineTable('leases', {
  name: c.text(),
  holder: c.text(),
  until: c.time(),
  acquiredAt: c.time(),
});

/** The evidence an endpoint's quiet runs added since its snapshot was accepted (keyed by the snapshot's version). */
export const BASELINES = defineTable('baselines', {
  connector: c.text(),
  endpoint: c.text(),
  /** The accepted snapshot this evidence extends: a new accept starts afresh (its file holds what was learned). */
  snapshotVersion: c.text(),
  schema: c.json<ShapeSchema>(),
  runs: c.integer(),
  updatedAt: c.time(),
});

export const EVENTS = defineTable(
  'events',
  {
    id: c.id(),
    driftId: c.ref(),
    fingerprint: c.text(),
    kind: c.text<FindingEventKind>(),
    at: c.time(),
    /** Who: a person (`--by`, git's user.email, the OS user) or `driftwatch` for what a run decided. */
    actor: c.text(),
    note: c.nullable(c.text()),
    /** The run that made the change, when a run did. */
    runId: c.nullable(c.ref()),
  },
  { sameRow: ['fingerprint', 'kind', 'at'] },
);

/** One endpoint's day, kept when its samples pass the retention: what the report's uptime and latency need. */
export const SAMPLE_DAYS = defineTable('sample_days', {
  connector: c.text(),
  endpoint: c.text(),
  /** YYYY-MM-DD (UTC). */
  day: c.text(),
  samples: c.integer(),
  ok: c.integer(),
  /** Failed samples by failure kind. */
  failures: c.json<Record<string, number>>(),
  /** Latency percentiles of the answered samples (null when none answered). */
  p50: c.nullable(c.real()),
  p95: c.nullable(c.real()),
});

export type RunRecord = RecordOf<typeof RUNS>;
export type StoredSample = RecordOf<typeof SAMPLES>;
export type DriftRecord = RecordOf<typeof DRIFTS>;
export type OutboxMessage = RecordOf<typeof OUTBOX>;
export type LeaseRecord = RecordOf<typeof LEASES>;
export type LearnedBaseline = RecordOf<typeof BASELINES>;
export type FindingEvent = RecordOf<typeof EVENTS>;
export type SampleDay = RecordOf<typeof SAMPLE_DAYS>;

/** Every table, in the order `migrate` copies them (parents before children). */
export const TABLES = [RUNS, SAMPLES, DRIFTS, OUTBOX, BASELINES, EVENTS, SAMPLE_DAYS, LEASES] as const;
