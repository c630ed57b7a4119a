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

/**
 * Opens the store named by `target` (the --db flag), else `DRIFTWATCH_DB`, else the default file.
 * A relative file path is taken relative to `root`; a postgres URL opens the PostgreSQL store,
 * loaded only then so SQLite users never load `pg`.
 */
export async function openStore(
  target: string | undefined,
  root: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<HistoryStore> {
  const chosen = nonEmpty(target) ?? nonEmpty(env['DRIFTWATCH_DB']) ?? defaultDbPath(root);
  if (isPostgresUrl(chosen)) {
    const { openPostgresStore } = await import('./postgres-store.js');
    return openPostgresStore(chosen);
  }
  if (chosen === ':memory:') return openSqliteStore(chosen);
  return openSqliteStore(isAbsolute(chosen) ? chosen : resolve(root, chosen));
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
