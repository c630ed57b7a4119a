// The `store stats` use case: how big the history is, table by table, and what the retention keeps.
import type { MaintenanceStore, StoreStats } from '../store/ports/maintenance.js';
import { retentionDays } from './retention.js';

export interface StoreStatsReport extends StoreStats {
  schemaVersion: 1;
  /** Days of raw samples kept (DRIFTWATCH_RETENTION); null: kept forever. */
  retentionDays: number | null;
  /** The samples table's bytes (indexes included) per stored sample; null without samples. */
  bytesPerSample: number | null;
}

export async function storeStats(store: MaintenanceStore, env: Readonly<Record<string, string | undefined>>): Promise<StoreStatsReport> {
  const stats = await store.stats();
  const samples = stats.tables.find((t) => t.table === 'samples');
  return {
    schemaVersion: 1,
    ...stats,
    retentionDays: retentionDays(env),
    bytesPerSample: samples && samples.rows > 0 ? Math.round(samples.bytes / samples.rows) : null,
  };
}
