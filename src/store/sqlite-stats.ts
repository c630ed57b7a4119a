// `store stats` on SQLite: rows and on-disk bytes per table (dbstat, indexes counted with their table).
import type Database from 'better-sqlite3';
import type { StoreStats, TableSize } from './ports/maintenance.js';
import { DRIFT_STATUSES, TABLES, type DriftStatus } from './tables.js';

export function sqliteStats(db: Database.Database): StoreStats {
  const owner = new Map(
    db.prepare<[], { name: string; tbl_name: string }>("SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')").all().map((r) => [r.name, r.tbl_name]),
  );
  const bytes = new Map<string, number>();
  for (const r of db.prepare<[], { name: string; size: number }>('SELECT name, sum(pgsize) AS size FROM dbstat GROUP BY name').all()) {
    const table = owner.get(r.name) ?? r.name;
    bytes.set(table, (bytes.get(table) ?? 0) + r.size);
  }
  const tables: TableSize[] = TABLES.map((t) => ({
    table: t.name,
    rows: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${t.name}`).get()!.n,
    bytes: bytes.get(t.name) ?? 0,
  }));
  const pages = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const drifts = Object.fromEntries(DRIFT_STATUSES.map((s) => [s, 0])) as Record<DriftStatus, number>;
  for (const r of db.prepare<[], { status: DriftStatus; n: number }>('SELECT status, count(*) AS n FROM drifts GROUP BY status').all()) drifts[r.status] = r.n;
  return {
    kind: 'sqlite',
    tables,
    totalBytes: pages * pageSize,
    oldestSample: db.prepare<[], { at: string | null }>('SELECT min(taken_at) AS at FROM samples').get()?.at ?? null,
    oldestDay: db.prepare<[], { day: string | null }>('SELECT min(day) AS day FROM sample_days').get()?.day ?? null,
    drifts,
  };
}
