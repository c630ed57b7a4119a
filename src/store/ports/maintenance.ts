// The maintenance port: retention (samples folded into daily rows) and the sizes `driftwatch store stats` shows.
import type { DriftStatus } from '../tables.js';

export interface CompactResult {
  /** Days (YYYY-MM-DD) whose samples were folded into daily rows and deleted. */
  days: string[];
  samples: number;
}

export interface TableSize {
  table: string;
  rows: number;
  /** Bytes of the table and its indexes on disk. */
  bytes: number;
}

export interface StoreStats {
  kind: 'sqlite' | 'postgres';
  tables: TableSize[];
  /** All tables, indexes and free pages (SQLite: the file; PostgreSQL: driftwatch's tables). */
  totalBytes: number;
  oldestSample: string | null;
  oldestDay: string | null;
  drifts: Record<DriftStatus, number>;
}

export interface MaintenanceStore {
  /**
   * Folds the samples of whole UTC days before `before` into per-endpoint daily rows (count, ok, failures by kind,
   * latency p50/p95) and deletes them, oldest day first, in one transaction per day; stops after the day that takes
   * the total past `budget` samples (default 50,000), so each call's work is bounded.
   */
  compactSamples(before: string, options?: { budget?: number }): Promise<CompactResult>;
  stats(): Promise<StoreStats>;
}
