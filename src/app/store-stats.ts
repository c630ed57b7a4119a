// The `store stats` use case: how big the history is, table by table, and what the retention keeps.
import type { StoreStatsReport } from '../report/model/store-stats.js';
import type { MaintenanceStore } from '../store/ports/maintenance.js';
import { retentionDays } from './retention.js';

export type { StoreStatsReport };

export async function storeStats(store: MaintenanceStore, env: Readonly<Record<string, string | undefined>>): Promise<StoreStatsReport> {
  const stats = await store.stats();
  const samples = stats.tables.find((t) => t.table === 'samples');
  return {
    ...stats,
    retentionDays: retentionDays(env),
    bytesPerSample: samples && samples.rows > 0 ? Math.round(samples.bytes / samples.rows) : null,
  };
}
