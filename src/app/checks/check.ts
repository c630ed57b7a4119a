// The plug-in point of a scan: each check turns one connector's samples into observations, errors and observed scope.
import type { Observation } from '../../core/classify.js';
import type { Connector, SampleOutcome, ScanError, ShapeSchema } from '../../core/model.js';
import type { LearnedBaseline, RunScope } from '../../store/history-store.js';
import type { SnapshotRead } from '../snapshot-files.js';

export interface CheckInput {
  root: string;
  connector: Connector;
  /** This run's samples of the connector, several per endpoint when the connector asks for more (ok or failure). */
  outcomes: readonly SampleOutcome[];
  env: Readonly<Record<string, string | undefined>>;
  now: Date;
  /** Accepted snapshots, read while the requests were in flight (the snapshot check reads them itself otherwise). */
  snapshots?: ReadonlyMap<string, Promise<SnapshotRead>>;
  /** The evidence quiet runs added since each endpoint's snapshot was accepted (from the store). */
  learned?: ReadonlyMap<string, LearnedBaseline>;
}

/** What a run saw of one endpoint's shape: the scan turns it into the next learned baseline once findings are known. */
export interface ShapeEvidence {
  endpoint: string;
  snapshotVersion: string;
  /** What the store had learned before this run (undefined: nothing yet). */
  learned: LearnedBaseline | undefined;
  /** The snapshot's shape with the learned evidence: what this run was judged against. */
  baseline: ShapeSchema;
  observed: ShapeSchema;
  /** Renames seen this run: the new name stays out of the baseline while the old one's finding is open. */
  renames: ReadonlyMap<string, string>;
}

export interface CheckOutput {
  observations: Observation[];
  /** Things that stopped part of the check (a broken spec, a missing snapshot). */
  errors: ScanError[];
  /** What the check actually looked at: only drifts inside it can be resolved by their absence. */
  observed: RunScope['observed'];
  /** The snapshot check's evidence, for learning. */
  shapes?: ShapeEvidence[];
}

export interface ConnectorCheck {
  /** The evidence source it produces, e.g. `snapshot`, `spec`, `auth`, `ownership`. */
  name: string;
  run(input: CheckInput): Promise<CheckOutput>;
}

/** Runs `checks` in order on one connector's input and gathers what they all saw. */
export async function runChecks(checks: readonly ConnectorCheck[], input: CheckInput): Promise<Required<CheckOutput>> {
  const all: Required<CheckOutput> = { observations: [], errors: [], observed: [], shapes: [] };
  for (const check of checks) {
    const output = await check.run(input);
    all.observations.push(...output.observations);
    all.errors.push(...output.errors);
    all.observed.push(...output.observed);
    all.shapes.push(...(output.shapes ?? []));
  }
  return all;
}
