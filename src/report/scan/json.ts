// Machine output of a scan: exactly one JSON document (docs/schemas/scan.schema.json).
import { findingJson, jsonDocument } from '../json-document.js';
import type { ScanResult } from '../model/scan.js';

export function renderScanJson(result: ScanResult): string {
  const problem = ({ connector, endpoint, kind, message }: ScanResult['errors'][number]) => ({ connector, endpoint, kind, message });
  return jsonDocument({
    kind: 'scan',
    runId: result.runId,
    startedAt: result.startedAt,
    finishedAt: result.finishedAt,
    summary: result.summary,
    changes: result.changes.map(findingJson),
    errors: result.errors.map(problem),
    notices: result.notices.map(problem),
  });
}
