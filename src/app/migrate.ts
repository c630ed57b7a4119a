// The migrate use case: moves a project's SQLite history into a PostgreSQL store, keeping ids, statuses and times.
import pg from 'pg';
import { isAbsolute, resolve } from 'node:path';
import { inputError, operationalError } from '../errors.js';
import type { MigrateResult } from '../report/model/migrate.js';
import { copySqliteToPostgres, openSqliteSource } from '../store/copy-history.js';
import { defaultDbPath, isPostgresUrl } from '../store/open-store.js';
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
 * `driftwatch migrate`: `from` defaults to the project's SQLite file (a relative path is read from `cwd`), `to` to
 * DRIFTWATCH_DB when that is a postgres:// URL. Either the wrong way round is bad input.
 */
export async function migrateProject(options: {
  root: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  from?: string;
  to?: string;
}): Promise<MigrateResult> {
  if (options.from !== undefined && isPostgresUrl(options.from)) {
    throw inputError('--from is the SQLite history file to copy from, not a postgres:// URL');
  }
  const from = options.from === undefined ? defaultDbPath(options.root) : isAbsolute(options.from) ? options.from : resolve(options.cwd, options.from);
  const envDb = options.env['DRIFTWATCH_DB'];
  const to = options.to ?? (envDb !== undefined && isPostgresUrl(envDb) ? envDb : undefined);
  if (to === undefined) throw inputError('--to <postgres://...> is required (or set DRIFTWATCH_DB to a postgres:// URL)');
  if (!isPostgresUrl(to)) throw inputError(`--to must be a postgres:// URL, got ${maskUrl(to)}`);
  return migrateHistory({ from, to });
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
