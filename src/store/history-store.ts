// The history store: every port in one handle (what opening a store gives); edges ask for the narrow port they use.
import type { BaselineStore } from './ports/baselines.js';
import type { EventStore } from './ports/events.js';
import type { FindingStore } from './ports/findings.js';
import type { LeaseStore } from './ports/leases.js';
import type { MaintenanceStore } from './ports/maintenance.js';
import type { OutboxStore } from './ports/outbox.js';
import type { RunStore } from './ports/runs.js';
import type { SampleStore } from './ports/samples.js';

export type { BaselineStore } from './ports/baselines.js';
export type { EventFilter, EventStore, FindingStory } from './ports/events.js';
export {
  SYSTEM_ACTOR,
  type DriftEvent,
  type DriftEventKind,
  type DriftFilter,
  type FindingStore,
  type RecordedFindings,
  type RecordFindingsInput,
  type RunScope,
} from './ports/findings.js';
export type { LeaseStore } from './ports/leases.js';
export type { CompactResult, MaintenanceStore, StoreStats, TableSize } from './ports/maintenance.js';
export type { OutboxDraft, OutboxStore } from './ports/outbox.js';
export type { RunStore } from './ports/runs.js';
export type { SampleFilter, SampleStore } from './ports/samples.js';
export {
  DRIFT_STATUSES,
  type DriftRecord,
  type DriftStatus,
  type FindingEvent,
  type FindingEventKind,
  type LearnedBaseline,
  type OutboxMessage,
  type RunKind,
  type RunRecord,
  type SampleDay,
  type StoredSample,
} from './tables.js';

/** Times go in as ISO-8601 text and come back normalised to UTC `toISOString()` form. */
export interface HistoryStore
  extends RunStore,
    SampleStore,
    FindingStore,
    BaselineStore,
    OutboxStore,
    LeaseStore,
    EventStore,
    MaintenanceStore {
  readonly kind: 'sqlite' | 'postgres';
  close(): Promise<void>;
}
