// The runs port: a run is one scan, verify, accept or watch tick, unfinished until it says so.
import type { SeverityCounts } from '../../core/model.js';
import type { RunKind, RunRecord } from '../tables.js';

export interface RunStore {
  startRun(kind: RunKind, connectors: string[], at: string): Promise<RunRecord>;
  finishRun(runId: number, summary: SeverityCounts & { errors: number }, at: string): Promise<void>;
  /** Newest first; default 50. */
  listRuns(limit?: number): Promise<RunRecord[]>;
  /** Runs started but never finished (a killed scan), oldest first. */
  unfinishedRuns(): Promise<RunRecord[]>;
}
