// Every output of `driftwatch store stats`, by format name: `--format` offers exactly these keys.
import { jsonDocument } from '../json-document.js';
import type { StoreStatsReport } from '../model/store-stats.js';
import type { Renderer } from '../render.js';
import { renderStoreStatsText } from './text.js';

function renderStoreStatsJson(r: StoreStatsReport): string {
  return jsonDocument({
    kind: 'store-stats',
    engine: r.kind,
    tables: r.tables.map((t) => ({ table: t.table, rows: t.rows, bytes: t.bytes })),
    totalBytes: r.totalBytes,
    oldestSample: r.oldestSample,
    oldestDay: r.oldestDay,
    drifts: r.drifts,
    retentionDays: r.retentionDays,
    bytesPerSample: r.bytesPerSample,
  });
}

export const storeStatsRenderers = {
  text: renderStoreStatsText,
  json: renderStoreStatsJson,
} satisfies Record<string, Renderer<StoreStatsReport>>;
