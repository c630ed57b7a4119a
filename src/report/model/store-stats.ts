// What `driftwatch store stats` shows: the store's own sizes, and what the retention keeps.
import type { StoreStats } from '../../store/ports/maintenance.js';

export interface StoreStatsReport extends StoreStats {
  /** Days of raw samples kept (DRIFTWATCH_RETENTION); null: kept forever. */
  retentionDays: number | null;
  /** The samples table's bytes (indexes included) per stored sample; null without samples. */
  bytesPerSample: number | null;
}
