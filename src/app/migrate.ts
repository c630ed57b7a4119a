// The migrate use case: moves a project's SQLite history into a PostgreSQL store, keeping ids, statuses and times.
import pg from 'pg';
import { operationalError } from '../errors.js';
import type { MigrateResult } from '../report/model/migrate.js';
import { copySqliteToPostgres, openSqliteSource } from '../store/copy-history.js';
import { postgresMigrations } from '../store/migrations/postgres.js';
import { migratePostgres } from '../store/postgres-store.js';

export interface MigrateOptions {
  /** The SQLite history file to read (never written). */
  from: string;
  /** The PostgreSQL connection URL to write into; migrated first when empty. */
  to: string;
  /** Rows per round trip to the target. */
  batchSize?: number;
}

export type { MigrateResult };

/** Query parameters of a PostgreSQL URL that carry a secret (libpq / node-postgres spell them this way). */
const SECRET_PARAMS: ReadonlySet<string> = new Set(['password', 'sslpassword', 'sslkey']);

/** A connection URL fit for output: the password, and `password`/`sslpassword`/`sslkey` parameters, replaced by `***`. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const key of [...parsed.searchParams.keys()]) {
      if (SECRET_PARAMS.has(key.toLowerCase())) parsed.searchParams.set(key, '***');
    }
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * Copies runs, samples, drifts and outbox from the SQLite file `from` into the PostgreSQL store at `to`, in one
 * transaction. Running it again copies only what is new: rows already there from an earlier run are skipped.
 * A target that holds other rows under the same ids (a history of its own) is refused and left untouched.
 * A missing or foreign source file and such conflicts are returned as problems; an unreachable server throws
 * an operational error.
 */
export async function migrateHistory(options: MigrateOptions): Promise<MigrateResult> {
  const to = maskUrl(options.to);
  const opened = openSqliteSource(options.from);
  if (opened.db === null) return { ok: false, from: options.from, to, problem: opened.problem, conflicts: [] };
  const source = opened.db;
  try {
    const client = new pg.Client({ connectionString: options.to, connectionTimeoutMillis: 10_000 });
    // A server dropping the connection mid-copy surfaces as a failed query; this only keeps it from crashing the process.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      throw operationalError(`cannot connect to ${to}: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      await migratePostgres(client, postgresMigrations);
      const copy = await copySqliteToPostgres(source, client, options.batchSize === undefined ? {} : { batchSize: options.batchSize });
      if (copy.ok) return { ok: true, from: options.from, to, tables: copy.tables };
      return {
        ok: false,
        from: options.from,
        to,
        problem: `${to} already holds a different history under the same ids; nothing was copied (migrate into an empty database or schema)`,
        conflicts: copy.conflicts,
      };
    } finally {
      await client.end().catch(() => undefined);
    }
  } finally {
    source.close();
  }
}
