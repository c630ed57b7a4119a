// What `driftwatch accept` did: snapshots written, drifts settled, and what accepting could not make fine.
import type { ConfigProblem, Finding, IgnoreEntry, ScanError } from '../../core/model.js';
import type { DriftRecord } from '../../store/history-store.js';

export interface AcceptedSnapshot {
  connector: string;
  endpoint: string;
  file: string;
  status: number;
  samples: number;
}

export interface AcceptResult {
  runId: number;
  written: AcceptedSnapshot[];
  /** Open drifts marked accepted: the changes the new snapshots explain, and what they settled. */
  acceptedDrifts: number;
  /**
   * Accepted, but the live answer still breaks the vendor's own spec (scans stay green while it sends the same), or a
   * consumer contract breaks (accept cannot settle that: scans stay red). Each names its way out in the CLI.
   */
  stillBreaking: Finding[];
  errors: ScanError[];
  problems: ConfigProblem[];
}

/** `accept --change`: the ignore entry written into the connector file for one known drift. */
export interface AcceptChangeResult {
  file: string;
  entry: IgnoreEntry;
  drift: DriftRecord;
  /** True when an entry for the same rule and path was updated instead of added. */
  updated: boolean;
}
