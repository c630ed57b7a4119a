// Copies a SQLite history (runs, samples, drifts, outbox) into a PostgreSQL store, keeping ids, in one transaction.
import Database from 'better-sqlite3';
import type pg from 'pg';
import { sqliteMigrations } from './migrations/sqlite.js';

export type CopiedTable = 'runs' | 'samples' | 'drifts' | 'outbox';

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

/** What is wrong with a would-be source file, as a sentence for the user; null when it is a readable history. */
export type SourceProblem = string | null;

type Row = Record<string, unknown>;

interface Column {
  name: string;
  /** The type in json_to_recordset; jsonb travels as text so that JSON null and "no value" stay distinct. */
  type: string;
  select?: string;
}

interface TableSpec {
  table: CopiedTable;
  columns: readonly Column[];
  /**
   * SQLite query returning the PostgreSQL column names; parameters: the last id read, the page size. Given the
   * source's columns of this table, so a history written before a column existed still copies.
   */
  source: string | ((columns: ReadonlySet<string>) => string);
  convert(row: Row): Row;
  /** How a target row `t` is matched to a source row `r`, and when the match is a different row. */
  match: string;
  differs: string;
}

const bool = (value: unknown): boolean | null => (value === null || value === undefined ? null : value === 1 || value === true);

const TABLES: readonly TableSpec[] = [
  {
    table: 'runs',
    columns: [
      { name: 'id', type: 'bigint' },
      { name: 'kind', type: 'text' },
      { name: 'started_at', type: 'timestamptz' },
      { name: 'finished_at', type: 'timestamptz' },
      { name: 'finished', type: 'boolean' },
      { name: 'connectors', type: 'text', select: 'r.connectors::jsonb' },
      { name: 'summary', type: 'text', select: 'r.summary::jsonb' },
    ],
    source: `SELECT id, kind, started_at, finished_at, finished, connectors, summary FROM runs WHERE id > ? ORDER BY id LIMIT ?`,
    convert: (row) => ({ ...row, finished: bool(row['finished']) }),
    match: 't.id = r.id',
    differs: 't.kind <> r.kind OR t.started_at <> r.started_at',
  },
  {
    table: 'samples',
    columns: [
      { name: 'id', type: 'bigint' },
      { name: 'run_id', type: 'bigint' },
      { name: 'connector', type: 'text' },
      { name: 'endpoint', type: 'text' },
      { name: 'taken_at', type: 'timestamptz' },
      { name: 'ok', type: 'boolean' },
      { name: 'status', type: 'integer' },
      { name: 'latency_ms', type: 'double precision' },
      { name: 'size_bytes', type: 'bigint' },
      { name: 'body_hash', type: 'text' },
      { name: 'error_kind', type: 'text' },
    ],
    source: `SELECT id, run_id, connector, endpoint, taken_at, ok, status, latency_ms, size_bytes, body_hash, error_kind
      FROM samples WHERE id > ? ORDER BY id LIMIT ?`,
    convert: (row) => ({ ...row, ok: bool(row['ok']) }),
    match: 't.id = r.id',
    differs: 't.run_id <> r.run_id OR t.taken_at <> r.taken_at OR t.connector <> r.connector OR t.endpoint <> r.endpoint',
  },
  {
    table: 'drifts',
    columns: [
      { name: 'id', type: 'bigint' },
      { name: 'fingerprint', type: 'text' },
      { name: 'connector', type: 'text' },
      { name: 'endpoint', type: 'text' },
      { name: 'rule', type: 'text' },
      { name: 'path', type: 'text' },
      { name: 'severity', type: 'text' },
      { name: 'source', type: 'text' },
      { name: 'message', type: 'text' },
      { name: 'before_value', type: 'text', select: 'r.before_value::jsonb' },
      { name: 'after_value', type: 'text', select: 'r.after_value::jsonb' },
      { name: 'status', type: 'text' },
      { name: 'pinned', type: 'boolean' },
      { name: 'suppressed', type: 'boolean' },
      { name: 'first_seen_run', type: 'bigint' },
      { name: 'first_seen_at', type: 'timestamptz' },
      { name: 'last_seen_run', type: 'bigint' },
      { name: 'last_seen_at', type: 'timestamptz' },
      { name: 'resolved_at', type: 'timestamptz' },
      { name: 'note', type: 'text' },
      { name: 'evidence', type: 'text', select: 'r.evidence::jsonb' },
      { name: 'updated_at', type: 'timestamptz' },
    ],
    source: (columns) => `SELECT id, fingerprint, connector, endpoint, rule, path, severity, source, message,
        before_json AS before_value, after_json AS after_value, status, pinned, suppressed, first_seen_run, first_seen_at,
        last_seen_run, last_seen_at, resolved_at, note, ${columns.has('evidence') ? 'evidence' : "'[]' AS evidence"}, updated_at
      FROM drifts WHERE id > ? ORDER BY id LIMIT ?`,
    convert: (row) => ({ ...row, pinned: bool(row['pinned']), suppressed: bool(row['suppressed']) }),
    // The fingerprint is the drift's key: the same fingerprint under another id is another history's drift.
    match: 't.id = r.id OR t.fingerprint = r.fingerprint',
    differs: 't.id <> r.id OR t.fingerprint <> r.fingerprint',
  },
  {
    table: 'outbox',
    columns: [
      { name: 'id', type: 'bigint' },
      { name: 'key', type: 'text' },
      { name: 'connector', type: 'text' },
      { name: 'target', type: 'text' },
      { name: 'payload', type: 'text', select: 'r.payload::jsonb' },
      { name: 'created_at', type: 'timestamptz' },
      { name: 'attempts', type: 'integer' },
      { name: 'next_attempt_at', type: 'timestamptz' },
      { name: 'delivered_at', type: 'timestamptz' },
      { name: 'last_error', type: 'text' },
    ],
    source: `SELECT id, key, connector, target, payload, created_at, attempts, next_attempt_at, delivered_at, last_error
      FROM outbox WHERE id > ? ORDER BY id LIMIT ?`,
    convert: (row) => row,
    match: 't.id = r.id OR t.key = r.key',
    differs: 't.id <> r.id OR t.key <> r.key',
  },
];

function recordset(spec: TableSpec): string {
  return `json_to_recordset($1::json) AS r(${spec.columns.map((c) => `"${c.name}" ${c.type}`).join(', ')})`;
}

function insertSql(spec: TableSpec): string {
  const names = spec.columns.map((c) => `"${c.name}"`).join(', ');
  const values = spec.columns.map((c) => c.select ?? `r."${c.name}"`).join(', ');
  // Explicit ids into GENERATED ALWAYS identity columns need OVERRIDING SYSTEM VALUE.
  return `INSERT INTO ${spec.table} (${names}) OVERRIDING SYSTEM VALUE
    SELECT ${values} FROM ${recordset(spec)} ORDER BY r.id
    ON CONFLICT DO NOTHING RETURNING id`;
}

function conflictSql(spec: TableSpec): string {
  return `SELECT DISTINCT r.id FROM ${recordset(spec)} JOIN ${spec.table} t ON ${spec.match}
    WHERE ${spec.differs} ORDER BY r.id LIMIT 10`;
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
    const missing = ['schema_migrations', ...TABLES.map((t) => t.table)].filter((t) => !tables.has(t));
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
    await target.query(`LOCK TABLE ${TABLES.map((t) => t.table).join(', ')} IN EXCLUSIVE MODE`);
    const tables: TableCopy[] = [];
    for (const spec of TABLES) tables.push(await copyTable(source, target, spec, batchSize));
    for (const spec of TABLES) await resetSequence(target, spec.table);
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

async function copyTable(source: Database.Database, target: pg.ClientBase, spec: TableSpec, batchSize: number): Promise<TableCopy> {
  const columns = new Set(source.prepare<[], { name: string }>(`PRAGMA table_info(${spec.table})`).all().map((c) => c.name));
  const page = source.prepare<[number, number], Row>(typeof spec.source === 'string' ? spec.source : spec.source(columns));
  const insert = insertSql(spec);
  const check = conflictSql(spec);
  const result: TableCopy = { table: spec.table, copied: 0, skipped: 0 };
  let last = 0;
  for (;;) {
    const rows = page.all(last, batchSize).map(spec.convert);
    if (rows.length === 0) return result;
    last = Number(rows[rows.length - 1]!['id']);
    const batch = JSON.stringify(rows);
    const clash = await target.query<{ id: string }>(check, [batch]);
    if (clash.rows.length > 0) {
      throw new ConflictFound(
        clash.rows.map((r) => ({ table: spec.table, id: Number(r.id), reason: conflictReason(spec.table) })),
      );
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
async function resetSequence(target: pg.ClientBase, table: CopiedTable): Promise<void> {
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
