// What `driftwatch verify` found, as every verify renderer reads it: the result the verify use case returns.
import type { ConfigProblem, Connector, Finding, HttpMethod, ScanError, SeverityCounts } from '../../core/model.js';

/** `unchecked`: no step could check it (a message with no captured delivery, a kind driftwatch cannot read): not a pass. */
export type InteractionStatus = 'passed' | 'failed' | 'warning' | 'unchecked';

/** One pact interaction and everything verify learnt about it: the unit of a JUnit test case. */
export interface InteractionResult {
  connector: string;
  consumer: string;
  provider: string;
  pactFile: string;
  description: string;
  method: HttpMethod;
  path: string;
  /** The connector endpoint that answers it, when one does. */
  endpoint?: string;
  changes: Finding[];
  /** Steps that could not check this interaction, and why (no snapshot to replay, unsafe method not sent live). */
  skipped: string[];
  status: InteractionStatus;
}

export interface VerifyConnectorReport {
  connector: Connector;
  pacts: string[];
  interactions: InteractionResult[];
  errors: ScanError[];
  /** Every finding of the connector once (an interaction lists the ones its evidence names). */
  findings: Finding[];
  /** How long its checks took (JUnit's time of its suite). */
  durationMs: number;
}

export interface VerifySummary extends SeverityCounts {
  interactions: number;
  failed: number;
  /** Interactions nothing could check (set when there are any): the run is not green while there are. */
  unchecked?: number;
  suppressed: number;
  errors: number;
}

export interface VerifyResult {
  mode: 'replay' | 'live';
  startedAt: string;
  finishedAt: string;
  summary: VerifySummary;
  connectors: VerifyConnectorReport[];
  changes: Finding[];
  /** Bad input: broken connector files, pact files, specs. */
  problems: ConfigProblem[];
  /** Things that stopped part of a check (the verifier could not run, a snapshot is unreadable). */
  errors: ScanError[];
}
