// The audit-trail port: a finding's whole story from the append-only events table.
import type { DriftRecord, FindingEvent, FindingEventKind } from '../tables.js';

export interface FindingStory {
  drift: DriftRecord;
  /** Oldest first. */
  events: FindingEvent[];
}

export interface EventFilter {
  kind?: FindingEventKind;
  /** ISO time: events at or after it. */
  since?: string;
  limit?: number;
}

export interface EventStore {
  /** The finding (by id or fingerprint) and every event of its story; null when there is no such finding. */
  storyOf(idOrFingerprint: number | string): Promise<FindingStory | null>;
  /** Events of every finding, oldest first. */
  listEvents(filter?: EventFilter): Promise<FindingEvent[]>;
}
