// The history store contract: runs, samples, drifts and the notification outbox. SQLite and PostgreSQL implement it.
import type { Evidence, Finding, SampleOutcome, Severity, SeverityCounts, ShapeSchema } from '../core/model.js';

export type DriftStatus = 'open' | 'acknowledged' | 'accepted' | 'resolved';
export const DRIFT_STATUSES: readonly DriftStatus[] = ['open', 'acknowledged', 'accepted', 'resolved'];

export type RunKind = 'scan' | 'verify' | 'accept' | 'watch';

export interface RunRecord {
  id: number;
  kind: RunKind;
  startedAt: string;
  finishedAt: string | null;
  /** false until finishRun: a killed scan stays unfinished, and is reported as such. */
  finished: boolean;
  connectors: string[];
  summary: (SeverityCounts & { errors: number }) | null;
}

export interface DriftRecord {
  id: number;
  fingerprint: string;
  connector: string;
  endpoint: string;
  rule: string;
  path: string;
  severity: Severity;
  /** The sources of the latest sighting, comma-separated (`snapshot,spec`): all must look again to resolve it. */
  source: string;
  message: string;
  /** Every source that ever saw this change, the latest words of each. */
  evidence: Evidence[];
  before: unknown;
  after: unknown;
  status: DriftStatus;
  pinned: boolean | null;
  suppressed: boolean;
  firstSeenRun: number;
  firstSeenAt: string;
  lastSeenRun: number;
  lastSeenAt: string;
  resolvedAt: string | null;
  note: string | null;
}

/** What happened to a drift in one run: the events that notifications are made of. */
export type DriftEventKind = 'opened' | 'escalated' | 'seen' | 'resolved' | 'reopened';

export interface DriftEvent {
  kind: DriftEventKind;
  drift: DriftRecord;
}

/**
 * Which (connector, endpoint) pairs this run actually observed. Only drifts inside the scope can
 * be resolved by their absence: a vendor outage must not "resolve" every open drift.
 */
export interface RunScope {
  observed: Array<{ connector: string; endpoint: string; source: string }>;
}

/** The evidence an endpoint's quiet runs added since its snapshot was accepted (keyed by the snapshot's version). */
export interface LearnedBaseline {
  connector: string;
  endpoint: string;
  /** The accepted snapshot this evidence extends: a new accept starts afresh (its file holds what was learned). */
  snapshotVersion: string;
  schema: ShapeSchema;
  runs: number;
  updatedAt: string;
}

export interface DriftFilter {
  connector?: string;
  endpoint?: string;
  rule?: string;
  status?: DriftStatus;
  limit?: number;
}

export interface StoredSample {
  runId: number;
  connector: string;
  endpoint: string;
  takenAt: string;
  ok: boolean;
  status: number | null;
  latencyMs: number;
  sizeBytes: number | null;
  bodyHash: string | null;
  errorKind: string | null;
}

export interface OutboxMessage {
  id: number;
  /** Idempotency key: drift fingerprint + event (or another unique key): delivered at most once. */
  key: string;
  connector: string;
  /** Where to deliver: a channel or the *name* of a webhook env var, never the webhook URL (a secret). */
  target: string;
  payload: unknown;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  deliveredAt: string | null;
  lastError: string | null;
}

/** Times go in as ISO-8601 text and come back normalised to UTC `toISOString()` form. */
export interface HistoryStore {
  readonly kind: 'sqlite' | 'postgres';
  startRun(kind: RunKind, connectors: string[], at: string): Promise<RunRecord>;
  finishRun(runId: number, summary: SeverityCounts & { errors: number }, at: string): Promise<void>;
  listRuns(limit?: number): Promise<RunRecord[]>;
  /** Runs started but never finished (a killed scan), oldest first. */
  unfinishedRuns(): Promise<RunRecord[]>;

  recordSamples(runId: number, outcomes: SampleOutcome[]): Promise<void>;
  listSamples(filter: { connector?: string; endpoint?: string; since?: string }): Promise<StoredSample[]>;

  /**
   * Upsert this run's changes as drifts (keyed by fingerprint) and resolve the open drifts inside
   * `scope` that were not seen again. Atomic: two runs at once never duplicate a drift.
   */
  recordChanges(runId: number, changes: Finding[], scope: RunScope, at: string): Promise<DriftEvent[]>;
  listDrifts(filter?: DriftFilter): Promise<DriftRecord[]>;
  getDrift(idOrFingerprint: number | string): Promise<DriftRecord | null>;
  /** Marks open/acknowledged drifts of a connector (and endpoint) accepted; returns how many. */
  /**
   * Not contract (`pact`) drifts: accepting what the vendor now sends does not make a broken contract fine; that takes
   * a change to the contract, or an `ignore:` entry.
   */
  acceptDrifts(connector: string, endpoint: string | undefined, at: string): Promise<number>;
  acknowledgeDrift(idOrFingerprint: number | string, note: string | undefined, at: string): Promise<DriftRecord | null>;

  /** The learned baselines of a connector's endpoints. */
  readBaselines(connector: string): Promise<LearnedBaseline[]>;
  /** Replaces the learned baselines given (one row per connector and endpoint). */
  saveBaselines(baselines: readonly LearnedBaseline[]): Promise<void>;

  /** Adds a message unless one with the same key exists; true when added. */
  enqueue(message: Omit<OutboxMessage, 'id' | 'attempts' | 'deliveredAt' | 'lastError'>): Promise<boolean>;
  /**
   * Atomically claims pending messages due at `at` (oldest first) by pushing their next attempt to
   * `leaseUntil`: two processes flushing at once never deliver the same message twice.
   * Each claim counts as a delivery attempt: the messages come back with `attempts` already
   * incremented (1 on the first try). Default limit 50.
   */
  claimDue(at: string, leaseUntil: string, limit?: number): Promise<OutboxMessage[]>;
  markDelivered(id: number, at: string): Promise<void>;
  /** Keeps the message pending until `nextAttemptAt`; URLs in `error` are cut to their host before storing. */
  markFailed(id: number, error: string, nextAttemptAt: string): Promise<void>;
  listOutbox(filter?: { pending?: boolean }): Promise<OutboxMessage[]>;

  /**
   * Takes the named lease for `holder` until `until` when it is free, expired (its until <= `at`) or already
   * held by `holder` (then renews it to `until`). Atomic across processes; true when `holder` holds it after the call.
   */
  acquireLease(name: string, holder: string, until: string, at: string): Promise<boolean>;
  /** Gives the lease up, but only when `holder` holds it: a late release never frees someone else's lease. */
  releaseLease(name: string, holder: string): Promise<void>;

  close(): Promise<void>;
}
