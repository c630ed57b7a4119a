// Per-dialect codecs (booleans, times, JSON, ids) and the column lists built from the table descriptions.
import { canonicalJson, toIso } from './drift-plan.js';
import { writable, type ColumnInfo, type RecordOf, type Table, type WriteOf } from './schema.js';

export type Param = string | number | boolean | null;

export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  encode(col: ColumnInfo, value: unknown): Param;
  decode(col: ColumnInfo, raw: unknown): unknown;
  /** The select-list entry reading a column back (PostgreSQL reads jsonb as text: JSON null stays apart from NULL). */
  select(col: ColumnInfo, alias?: string): string;
  /** The placeholder of the `n`th (1-based) parameter for a column. */
  param(n: number, col: ColumnInfo): string;
}

function encodeJson(col: ColumnInfo, value: unknown): string | null {
  if (value === undefined || (value === null && col.nullable && col.missing === 'null')) return null;
  // Equal values give equal text where it is compared (an accepted drift's after-value).
  return col.missing === 'undefined' ? canonicalJson(value) : JSON.stringify(value);
}

function decodeJson(col: ColumnInfo, raw: unknown): unknown {
  if (raw === null || raw === undefined) return col.missing === 'undefined' ? undefined : null;
  return typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
}

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  encode(col, value) {
    if (col.type === 'json') return encodeJson(col, value);
    if (value === null || value === undefined) return null;
    switch (col.type) {
      case 'boolean':
        return value ? 1 : 0;
      case 'time':
        // Canonical UTC text: stores compare times as text.
        return toIso(String(value));
      default:
        return value as Param;
    }
  },
  decode(col, raw) {
    if (col.type === 'json') return decodeJson(col, raw);
    if (raw === null || raw === undefined) return null;
    return col.type === 'boolean' ? raw === 1 : raw;
  },
  select: (col, alias) => (alias ? `${alias}.${col.name}` : col.name),
  param: () => '?',
};

const PG_CASTS: Partial<Record<ColumnInfo['type'], string>> = { time: '::timestamptz', json: '::jsonb', id: '::bigint', ref: '::bigint' };

export const postgresDialect: Dialect = {
  name: 'postgres',
  encode(col, value) {
    if (col.type === 'json') return encodeJson(col, value);
    if (value === null || value === undefined) return null;
    return col.type === 'time' ? toIso(String(value)) : (value as Param);
  },
  decode(col, raw) {
    if (col.type === 'json') return decodeJson(col, raw);
    if (raw === null || raw === undefined) return null;
    switch (col.type) {
      case 'id':
      case 'ref':
      case 'integer':
        // bigint columns come back as text.
        return Number(raw);
      case 'time':
        return raw instanceof Date ? raw.toISOString() : toIso(String(raw));
      default:
        return raw;
    }
  },
  select: (col, alias) => {
    const ref = alias ? `${alias}.${col.name}` : col.name;
    return col.type === 'json' ? `${ref}::text AS ${col.name}` : ref;
  },
  param: (n, col) => `$${n}${PG_CASTS[col.type] ?? ''}`,
};

/** `a, b, c`: every column of the table as its dialect reads it back. */
export function selectList(dialect: Dialect, table: Table, alias?: string): string {
  return table.columns.map((col) => dialect.select(col, alias)).join(', ');
}

/** The row read back as its record (internal columns left out). */
export function decodeRow<T extends Table>(dialect: Dialect, table: T, row: Record<string, unknown>): RecordOf<T> {
  const out: Record<string, unknown> = {};
  for (const col of table.columns) if (!col.internal) out[col.field] = dialect.decode(col, row[col.name]);
  return out as RecordOf<T>;
}

/** Parameters for `columns` (default: every writable column) taken from a record. */
export function encodeRow<T extends Table>(dialect: Dialect, table: T, values: WriteOf<T>, columns: readonly ColumnInfo[] = writable(table)): Param[] {
  const record = values as Record<string, unknown>;
  return columns.map((col) => dialect.encode(col, record[col.field]));
}

/** `INSERT INTO t (cols) VALUES (params)` for every writable column, parameters from `start` + 1. */
export function insertSql(dialect: Dialect, table: Table, tail = '', start = 0): string {
  const cols = writable(table);
  return `INSERT INTO ${table.name} (${cols.map((c) => c.name).join(', ')}) VALUES (${cols.map((c, i) => dialect.param(start + i + 1, c)).join(', ')}) ${tail}`.trim();
}

/** `UPDATE t SET col = param, ...` for every writable column except `keep` (key columns), parameters from 1. */
export function updateSql(dialect: Dialect, table: Table, keep: readonly string[]): { sql: string; columns: ColumnInfo[] } {
  const columns = writable(table).filter((col) => !keep.includes(col.field));
  return { sql: `UPDATE ${table.name} SET ${columns.map((c, i) => `${c.name} = ${dialect.param(i + 1, c)}`).join(', ')}`, columns };
}
