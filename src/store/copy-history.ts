// Copies a SQLite history into a PostgreSQL store, keeping ids, in one transaction; what to copy comes from tables.ts.
import Database from 'better-sqlite3';
import type pg from 'pg';
import { sqliteDialect } from './dialects.js';
import { sqliteMigrations } from './migrations/sqlite.js';
import { columnOf, type ColumnInfo, type Table } from './schema.js';
import { TABLES } from './tables.js';

export type CopiedTable = (typeof COPIED)[number]['name'];

export interface TableCopy {
  table: CopiedTable;
  /** Rows inserted into the target. */
  copied: number;
  /** Rows the target already held (the same id and identity): an earlier migration of the same file. */
  skipped: number;
}

/** A source row whose id (or fingerprint / key) the target already uses for a different row. */
export interface CopyConflict {
  table: CopiedTable;
  id: number;
  reason: string;
}

export type CopyResult = { ok: true; tables: TableCopy[] } | { ok: false; conflicts: CopyConflict[] };

type Row = Record<string, unknown>;

/** Every table but leases (they belong to running watchers), parents first. */
const COPIED = TABLES.filter((t) => t.name !== 'leases');
/** What a version-1 history already has: a file without them is not a driftwatch history. */
const REQUIRED = new Set(['runs', 'samples', 'drifts', 'outbox']);
/** Columns a SQLite history once called otherwise (before migration 4). */
const FORMER_NAMES: Readonly<Record<string, string>> = { 'drifts.before_value': 'before_json', 'drifts.after_value': 'after_json' };

/** How json_to_recordset reads a column; jsonb travels as text so that JSON null and "no value" stay distinct. */
const RECORDSET_TYPES: Readonly<Record<ColumnInfo['type'], string>> = {
  id: 'bigint',
  ref: 'bigint',
  integer: 'bigint',
  real: 'double precision',
  text: 'text',
  boolean: 'boolean',
  time: 'timestamptz',
  json: 'text',
};

const hasId = (table: Table): boolean => table.columns.some((c) => c.field === 'id');

/** The SQLite page query for a table, given the source's columns of it: an older history still copies. */
function sourceSql(table: Table, present: ReadonlySet<string>): string {
  const select = table.columns.map((col) => {
    if (present.has(col.name)) return col.name;
    const former = FORMER_NAMES[`${table.name}.${col.name}`];
    if (former && present.has(former)) return `${former} AS ${col.name}`;
    // A column added later: its migration's default.
    return `${col.type === 'json' && !col.nullable ? "'[]'" : col.type === 'boolean' && !col.nullable ? '0' : 'NULL'} AS ${col.name}`;
  });
  return `SELECT rowid AS copy_rowid, ${select.join(', ')} FROM ${table.name} WHERE rowid > ? ORDER BY rowid LIMIT ?`;
}

function convert(table: Table, row: Row): Row {
  const out: Row = { copy_rowid: row['copy_rowid'] };
  for (const col of table.columns) out[col.name] = col.type === 'boolean' ? sqliteDialect.decode(col, row[col.name]) : row[col.name];
  return out;
}

function recordset(table: Table): string {
  return `json_to_recordset($1::json) AS r(${table.columns.map((c) => `"${c.name}" ${RECORDSET_TYPES[c.type]}`).join(', ')}, copy_rowid bigint)`;
}

function insertSql(table: Table): string {
  const names = table.columns.map((c) => `"${c.name}"`).join(', ');
  const values = table.columns.map((c) => (c.type === 'json' ? `r."${c.name}"::jsonb` : `r."${c.name}"`)).join(', ');
  // Explicit ids into GENERATED ALWAYS identity columns need OVERRIDING SYSTEM VALUE.
  return `INSERT INTO ${table.name} (${names}) ${hasId(table) ? 'OVERRIDING SYSTEM VALUE' : ''}
    SELECT ${values} FROM ${recordset(table)} ORDER BY r.copy_rowid
    ON CONFLICT DO NOTHING RETURNING 1`;
}

/** Target rows that hold a copied id (or unique key) but are another row; null for tables keyed by their content. */
function conflictSql(table: Table): string | null {
  if (!hasId(table)) return null;
  const keys = table.keys.map((field) => columnOf(table, field).name);
  const match = ['t.id = r.id', ...keys.map((k) => `t.${k} = r.${k}`)].join(' OR ');
  const differs = keys.length
    ? ['t.id <> r.id', ...keys.map((k) => `t.${k} <> r.${k}`)].join(' OR ')
    : table.sameRow.map((field) => columnOf(table, field).name).map((k) => `t.${k} IS DISTINCT FROM r.${k}`).join(' OR ');
  return `SELECT DISTINCT r.id FROM ${recordset(table)} JOIN ${table.name} t ON ${match} WHERE ${differs} ORDER BY r.id LIMIT 10`;
}

/** The newest schema version this build knows: a file written by a newer driftwatch is not read. */
const KNOWN_VERSION = Math.max(...sqliteMigrations.map((m) => m.version));

/**
 * Opens an existing SQLite history read-only, never creating or migrating it. Returns the problem as a
 * sentence when the file is missing or is not a driftwatch history this build can read.
 */
export function openSqliteSource(file: string): { db: Database.Database; problem: null } | { db: null; problem: string } {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return { db: null, problem: `cannot open ${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    const tables = new Set(
      db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((t) => t.name),
    );
    const missing = ['schema_migrations', ...REQUIRED].filter((t) => !tables.has(t));
    if (missing.length > 0) {
      db.close();
      return { db: null, problem: `${file} is not a driftwatch history (no ${missing.join(', ')} table)` };
    }
    const version = db.prepare<[], { v: number | null }>('SELECT max(version) AS v FROM schema_migrations').get()?.v ?? 0;
    if (version > KNOWN_VERSION) {
      db.close();
      return { db: null, problem: `${file} has schema version ${version}, newer than this driftwatch knows (${KNOWN_VERSION}): upgrade driftwatch` };
    }
    return { db, problem: null };
  } catch (error) {
    db.close();
    return { db: null, problem: `${file} is not a readable SQLite history: ${error instanceof Error ? error.message : String(error)}` };
  }
}

class ConflictFound extends Error {
  constructor(readonly conflicts: CopyConflict[]) {
    super('the target already holds different rows under the same ids');
  }
}

/**
 * Copies every run, sample, drift and outbox message of `source` into the (migrated) PostgreSQL database behind
 * `target`, keeping ids, statuses, times and notes, in one transaction, then moves the target's id sequences past
 * the copied ids. Idempotent: rows already there from an earlier copy of the same file are skipped. A target row
 * that holds a copied id (or drift fingerprint, or outbox key) but is a *different* row is a conflict: nothing is
 * written, and the conflicts are returned. Leases are not copied: they belong to running watchers.
 */
export async function copySqliteToPostgres(
  source: Database.Database,
  target: pg.ClientBase,
  options: { batchSize?: number } = {},
): Promise<CopyResult> {
  const batchSize = options.batchSize ?? 2000;
  // A read transaction: every page comes from the same snapshot, even while a scan writes to the file.
  source.exec('BEGIN');
  await target.query('BEGIN');
  try {
    // Writers on the target wait until the copy commits, so none takes an id the copy is about to insert.
    await target.query(`LOCK TABLE ${COPIED.map((t) => t.name).join(', ')} IN EXCLUSIVE MODE`);
    const present = new Set(source.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((t) => t.name));
    const tables: TableCopy[] = [];
    for (const table of COPIED) {
      tables.push(present.has(table.name) ? await copyTable(source, target, table, batchSize) : { table: table.name, copied: 0, skipped: 0 });
    }
    for (const table of COPIED) if (hasId(table)) await resetSequence(target, table.name);
    await target.query('COMMIT');
    return { ok: true, tables };
  } catch (error) {
    await target.query('ROLLBACK').catch(() => undefined);
    if (error instanceof ConflictFound) return { ok: false, conflicts: error.conflicts };
    throw error;
  } finally {
    source.exec('COMMIT');
  }
}

async function copyTable(source: Database.Database, target: pg.ClientBase, table: Table, batchSize: number): Promise<TableCopy> {
  const columns = new Set(source.prepare<[], { name: string }>(`PRAGMA table_info(${table.name})`).all().map((c) => c.name));
  const page = source.prepare<[number, number], Row>(sourceSql(table, columns));
  const insert = insertSql(table);
  const check = conflictSql(table);
  const result: TableCopy = { table: table.name, copied: 0, skipped: 0 };
  let last = 0;
  for (;;) {
    const rows = page.all(last, batchSize).map((row) => convert(table, row));
    if (rows.length === 0) return result;
    last = Number(rows[rows.length - 1]!['copy_rowid']);
    const batch = JSON.stringify(rows);
    const clash = check ? await target.query<{ id: string }>(check, [batch]) : { rows: [] };
    if (clash.rows.length > 0) {
      throw new ConflictFound(clash.rows.map((r) => ({ table: table.name, id: Number(r.id), reason: conflictReason(table.name) })));
    }
    const inserted = await target.query(insert, [batch]);
    const copied = inserted.rowCount ?? 0;
    result.copied += copied;
    result.skipped += rows.length - copied;
  }
}

function conflictReason(table: CopiedTable): string {
  switch (table) {
    case 'drifts':
      return 'the target holds another drift under this id, or this fingerprint under another id';
    case 'outbox':
      return 'the target holds another message under this id, or this idempotency key under another id';
    default:
      return 'the target holds a different row under this id';
  }
}

/** Moves the identity sequence past the highest id (never backwards), so new rows get fresh ids. */
async function resetSequence(target: pg.ClientBase, table: string): Promise<void> {
  const { rows } = await target.query<{ seq: string | null }>('SELECT pg_get_serial_sequence($1, $2) AS seq', [table, 'id']);
  const seq = rows[0]?.seq;
  if (!seq) throw new Error(`no id sequence for ${table}`);
  // `seq` comes back from the catalogue already quoted and schema-qualified.
  const current = await target.query<{ next: string }>(
    `SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END AS next FROM ${seq}`,
  );
  await target.query(`SELECT setval($1::regclass, GREATEST((SELECT coalesce(max(id), 0) + 1 FROM ${table}), $2::bigint), false)`, [
    seq,
    current.rows[0]?.next ?? '1',
  ]);
}
