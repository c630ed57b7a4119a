// Picks the history store from --db / DRIFTWATCH_DB / the default file, and opens it.
import { isAbsolute, join, resolve } from 'node:path';
import type { HistoryStore } from './history-store.js';
import { openSqliteStore } from './sqlite-store.js';

/** `<root>/.driftwatch/history.db`: the default SQLite history file of a project. */
export function defaultDbPath(root: string): string {
  return join(root, '.driftwatch', 'history.db');
}

/** True for a `postgres://` or `postgresql://` connection URL. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

export type StoreLocation = { kind: 'sqlite'; file: string } | { kind: 'memory' } | { kind: 'postgres'; url: string };

/**
 * Which store to open: `db` (the --db flag; a relative path taken from `cwd`, where the user stands), else
 * `DRIFTWATCH_DB` (relative to `root`), else `<root>/.driftwatch/history.db`. A postgres URL names PostgreSQL.
 */
export function locateStore(
  db: string | undefined,
  root: string,
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): StoreLocation {
  const flag = nonEmpty(db);
  const chosen = flag ?? nonEmpty(env['DRIFTWATCH_DB']);
  if (chosen === undefined) return { kind: 'sqlite', file: defaultDbPath(root) };
  if (isPostgresUrl(chosen)) return { kind: 'postgres', url: chosen };
  if (chosen === ':memory:') return { kind: 'memory' };
  if (isAbsolute(chosen)) return { kind: 'sqlite', file: chosen };
  return { kind: 'sqlite', file: resolve(flag !== undefined ? cwd : root, chosen) };
}

/** Opens a located store; PostgreSQL's module is loaded only then, so SQLite users never load `pg`. */
/** `mustExist`: a PostgreSQL database without driftwatch's tables is refused rather than set up. */
export async function openLocation(location: StoreLocation, options: { mustExist?: boolean } = {}): Promise<HistoryStore> {
  switch (location.kind) {
    case 'postgres': {
      const { openPostgresStore } = await import('./postgres-store.js');
      return openPostgresStore(location.url, options.mustExist ? { mustExist: true } : {});
    }
    case 'memory':
      return openSqliteStore(':memory:');
    case 'sqlite':
      return openSqliteStore(location.file);
  }
}

/** Opens the store named by `target`, else `DRIFTWATCH_DB`, else the default file; relative paths from `root`. */
export async function openStore(
  target: string | undefined,
  root: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<HistoryStore> {
  return openLocation(locateStore(target, root, root, env));
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
