// The drift timeline as one JSON document (docs/schemas/history.schema.json).
import { driftJson, jsonDocument } from '../json-document.js';
import type { HistoryResult } from '../model/history.js';

export function renderHistoryJson(result: HistoryResult): string {
  return jsonDocument({ kind: 'history', drifts: result.drifts.map(driftJson), next: result.next });
}
