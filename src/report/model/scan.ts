// What a scan found, as every scan renderer reads it: the result the scan use case returns.
import type { ConfigProblem, Connector, Finding, SampleOutcome, ScanError, SeverityCounts } from '../../core/model.js';
import type { DriftEvent } from '../../store/ports/findings.js';
import type { NotifyReport } from './notify.js';

export interface ScanSummary extends SeverityCounts {
  errors: number;
}

export interface ConnectorReport {
  connector: Connector;
  outcomes: SampleOutcome[];
  changes: Finding[];
  errors: ScanError[];
}

export interface ScanResult {
  runId: number;
  startedAt: string;
  finishedAt: string;
  summary: ScanSummary;
  changes: Finding[];
  errors: ScanError[];
  /** Not failures: endpoints without an accepted snapshot yet, and similar advice. */
  notices: ScanError[];
  problems: ConfigProblem[];
  connectors: ConnectorReport[];
  events: DriftEvent[];
  /** What the run's notifications did (with the `notify` option). */
  notify?: NotifyReport;
  /** True when no endpoint gave a sample and at least one failed for operational reasons (unreachable, 5xx...). */
  nothingReached: boolean;
}
