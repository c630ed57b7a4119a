// What `history` and `ack` show: drifts as the store keeps them.
import type { DriftFilter, DriftRecord } from '../../store/history-store.js';
import type { FindingEvent } from '../../store/tables.js';

export interface HistoryResult {
  drifts: DriftRecord[];
  /** What to pass as `--before` for the next page; null on the last one. */
  next: string | null;
  /** The filter the list answers (shown when it is empty, so "nothing" is not mistaken for "no drift ever"). */
  filter: DriftFilter;
}

export interface AckResult {
  /** The drift after acknowledging it (or adding a note to it). */
  drift: DriftRecord;
  /** False when the drift is accepted or resolved: only its note changed. */
  acknowledged: boolean;
}

/** `history <fingerprint>`: one finding and its whole story, oldest first. */
export interface StoryResult {
  drift: DriftRecord;
  events: FindingEvent[];
}
