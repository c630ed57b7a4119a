// The plug-in point of a scan: each check turns one connector's samples into changes, errors and observed scope.
import type { Change, Connector, SampleOutcome, ScanError } from '../../core/model.js';
import type { RunScope } from '../../store/history-store.js';
import type { SnapshotRead } from '../snapshot-files.js';

export interface CheckInput {
  root: string;
  connector: Connector;
  /** This run's samples of the connector, one per endpoint sampled (ok or failure). */
  outcomes: readonly SampleOutcome[];
  env: Readonly<Record<string, string | undefined>>;
  now: Date;
  /** Accepted snapshots, read while the requests were in flight (the snapshot check reads them itself otherwise). */
  snapshots?: ReadonlyMap<string, Promise<SnapshotRead>>;
}

export interface CheckOutput {
  changes: Change[];
  /** Things that stopped part of the check (a broken spec, a missing snapshot). */
  errors: ScanError[];
  /** What the check actually looked at: only drifts inside it can be resolved by their absence. */
  observed: RunScope['observed'];
}

export interface ConnectorCheck {
  /** The change source it produces, e.g. `snapshot`, `spec`, `auth`, `ownership`. */
  name: string;
  run(input: CheckInput): Promise<CheckOutput>;
}

/** Runs after all checks: may annotate changes (pinned by a contract, suppressed by an ignore entry). */
export type ChangeDecorator = (changes: Change[], connector: Connector, input: CheckInput) => Promise<Change[]> | Change[];

export function emptyOutput(): CheckOutput {
  return { changes: [], errors: [], observed: [] };
}
