// The integration map as the map renderers and the HTML report read it: the result the map use case returns.
import type { ConfigProblem, Severity } from '../../core/model.js';

export interface MapFinding {
  rule: string;
  severity: Severity;
  message: string;
}

/** The five columns an honest map needs, then where each connector stands. */
export interface MapRow {
  connector: string;
  vendor: string | null;
  systemOwner: string | null;
  dataOwner: string | null;
  auth: string | null;
  failureMode: string | null;
  businessProcess: string | null;
  channel: string | null;
  runbook: string | null;
  exposure: {
    auth: MapFinding[];
    schema: { open: number; breaking: number };
    ownership: MapFinding[];
  };
  lastScan: { at: string | null; status: 'never' | 'ok' | 'failing' | 'drift'; detail: string };
  /** Columns that could not be filled: shown, not hidden. */
  gaps: string[];
}

export interface IntegrationMap {
  generatedAt: string;
  rows: MapRow[];
  problems: ConfigProblem[];
}
