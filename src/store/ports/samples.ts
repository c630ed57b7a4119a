// The samples port: one row per request a run made (never a body), and the daily rows older samples fold into.
import type { SampleOutcome } from '../../core/model.js';
import type { SampleDay, StoredSample } from '../tables.js';

export interface SampleFilter {
  connector?: string;
  endpoint?: string;
  /** ISO time: samples taken at or after it. */
  since?: string;
}

export interface SampleStore {
  recordSamples(runId: number, outcomes: SampleOutcome[]): Promise<void>;
  /** Oldest first. */
  listSamples(filter: SampleFilter): Promise<StoredSample[]>;
  /** The daily aggregates of samples past the retention, oldest first; `since` compares with the day. */
  listSampleDays(filter: SampleFilter): Promise<SampleDay[]>;
}
