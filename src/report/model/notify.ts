// What a run's notifications did, as the scan and verify renderers read it.
import type { FlushReport } from '../../notify/flush-outbox.js';

export interface NotifyReport {
  /** Messages newly written to the outbox by this run. */
  enqueued: Array<{ connector: string; target: string; key: string }>;
  flush: FlushReport;
  /** Human lines: connectors with news but nowhere to send it, and similar. */
  notices: string[];
}
