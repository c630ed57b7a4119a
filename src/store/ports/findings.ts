// The findings port: drifts keyed by fingerprint, the events a run makes of them, and people's decisions on them.
import type { Finding } from '../../core/model.js';
import type { DriftRecord, DriftStatus } from '../tables.js';
import type { OutboxDraft } from './outbox.js';

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

export interface DriftFilter {
  connector?: string;
  endpoint?: string;
  rule?: string;
  status?: DriftStatus;
  limit?: number;
  /** Paging, newest sighting first: drifts after this one (by id) or last seen before this time. */
  before?: { id: number } | { at: string };
}

/** The system's own name in the audit trail, for what a run decided. */
export const SYSTEM_ACTOR = 'driftwatch';

export interface RecordFindingsInput {
  runId: number;
  changes: readonly Finding[];
  scope: RunScope;
  at: string;
  /** Who made the run (default `driftwatch`). */
  actor?: string;
  /**
   * Pure: the outbox messages for this run's drift events, written in the same transaction as the drifts, so a crash
   * loses no alert and doubles none (an existing key is kept). Owners and targets are resolved before the call.
   */
  compose?: (events: readonly DriftEvent[]) => OutboxDraft[];
}

export interface RecordedFindings {
  events: DriftEvent[];
  /** The composed messages that were new (not already in the outbox). */
  enqueued: OutboxDraft[];
}

export interface FindingStore {
  /**
   * Upserts this run's findings as drifts (keyed by fingerprint), resolves the open drifts inside `scope` that were
   * not seen again, appends each change of status to the findings' stories and writes the composed outbox messages,
   * all in one transaction. Two runs at once never duplicate a drift.
   */
  recordFindings(input: RecordFindingsInput): Promise<RecordedFindings>;
  /** recordFindings without messages: the run's drift events. */
  recordChanges(runId: number, changes: readonly Finding[], scope: RunScope, at: string): Promise<DriftEvent[]>;
  listDrifts(filter?: DriftFilter): Promise<DriftRecord[]>;
  getDrift(idOrFingerprint: number | string): Promise<DriftRecord | null>;
  /**
   * Marks open/acknowledged drifts of a connector (and endpoint) accepted; returns how many. Not contract (`pact`)
   * drifts: accepting what the vendor now sends does not make a broken contract fine; that takes a change to the
   * contract, or an `ignore:` entry.
   */
  acceptDrifts(connector: string, endpoint: string | undefined, at: string, actor?: string): Promise<number>;
  /** Acknowledges a live drift (a note on a closed one is `noted`); the note is kept in its story either way. */
  acknowledgeDrift(idOrFingerprint: number | string, note: string | undefined, at: string, actor?: string): Promise<DriftRecord | null>;
  /** An `ignore:` entry was written for it (`accept --change`): acknowledged with the note, `ignored` in its story. */
  ignoreDrift(idOrFingerprint: number | string, note: string, at: string, actor?: string): Promise<DriftRecord | null>;
}
