// `store stats` on PostgreSQL: rows and bytes per table (pg_total_relation_size: the table, its indexes and TOAST).
import type { StoreStats } from './ports/maintenance.js';
import { DRIFT_STATUSES, TABLES, type DriftStatus } from './tables.js';

type Query = (sql: string, params?: readonly (string | number)[]) => Promise<Array<Record<string, unknown>>>;

export async function postgresStats(query: Query): Promise<StoreStats> {
  const tables = [];
  for (const t of TABLES) {
    // to_regclass resolves the name through the search_path, as the store's own queries do.
    const [row] = await query(`SELECT (SELECT count(*) FROM ${t.name})::bigint AS n, pg_total_relation_size(to_regclass($1))::bigint AS bytes`, [t.name]);
    tables.push({ table: t.name, rows: Number(row?.['n'] ?? 0), bytes: Number(row?.['bytes'] ?? 0) });
  }
  const drifts = Object.fromEntries(DRIFT_STATUSES.map((s) => [s, 0])) as Record<DriftStatus, number>;
  for (const r of await query('SELECT status, count(*)::int AS n FROM drifts GROUP BY status')) drifts[r['status'] as DriftStatus] = Number(r['n']);
  const [oldest] = await query('SELECT min(taken_at) AS at FROM samples');
  const [day] = await query('SELECT min(day) AS day FROM sample_days');
  const at = oldest?.['at'];
  return {
    kind: 'postgres',
    tables,
    totalBytes: tables.reduce((sum, t) => sum + t.bytes, 0),
    oldestSample: at instanceof Date ? at.toISOString() : null,
    oldestDay: typeof day?.['day'] === 'string' ? day['day'] : null,
    drifts,
  };
}
