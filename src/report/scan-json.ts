// Machine output of a scan: exactly one JSON document, with a stable top-level shape.
import type { ScanResult } from '../app/scan.js';

export function scanToJson(result: ScanResult): object {
  return {
    runId: result.runId,
    startedAt: result.startedAt,
    finishedAt: result.finishedAt,
    summary: result.summary,
    changes: result.changes,
    errors: result.errors.map(({ connector, endpoint, kind, message }) => ({ connector, endpoint, kind, message })),
    notices: result.notices.map(({ connector, endpoint, kind, message }) => ({ connector, endpoint, kind, message })),
  };
}

export function renderScanJson(result: ScanResult): string {
  return `${JSON.stringify(scanToJson(result), null, 2)}\n`;
}
