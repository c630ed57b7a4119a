// The plug-in point of `driftwatch verify`: each check looks at a connector's pacts one way and says what it saw, per
// interaction, as observations the core judges like any other source's.
import type { Observation } from '../../core/classify.js';
import type { ConfigProblem, Connector, ScanError, Snapshot } from '../../core/model.js';
import type { SpecDocument } from '../../pact/compare-spec.js';
import type { PactFile, PactInteraction } from '../../pact/pact-file.js';
import type { VerifyOptions } from '../verify.js';

export interface VerifyInput {
  connector: Connector;
  pacts: readonly PactFile[];
  /** The connector's spec, when it names one that could be read. */
  spec?: SpecDocument;
  /** Path templates of the spec: they map pact paths onto endpoints. */
  templates: readonly string[];
  /** Accepted snapshots by endpoint id. */
  snapshots: ReadonlyMap<string, Snapshot>;
  options: VerifyOptions;
}

export interface VerifyCheckOutput {
  observations: Array<{ interaction: PactInteraction; observation: Observation }>;
  /** Interactions this check could not look at, and why: reported, never a silent pass. */
  skipped: Array<{ interaction: PactInteraction; why: string }>;
  errors: ScanError[];
  problems: ConfigProblem[];
}

export interface VerifyCheck {
  name: string;
  run(input: VerifyInput): Promise<VerifyCheckOutput>;
}

export function emptyVerifyOutput(): VerifyCheckOutput {
  return { observations: [], skipped: [], errors: [], problems: [] };
}
