// Where the history store is and how a command opens it: created by a first run, or only if it is already there.
import { existsSync } from 'node:fs';
import { inputError } from '../errors.js';
import type { HistoryStore } from '../store/history-store.js';
import { locateStore, openLocation, type StoreLocation } from '../store/open-store.js';

export type { HistoryStore, StoreLocation };

export interface HistoryTarget {
  /** The --db flag: a SQLite path (relative to `cwd`), `:memory:` or a postgres:// URL. */
  db?: string;
  root: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * --db, else DRIFTWATCH_DB, else <root>/.driftwatch/history.db. A URL must be a PostgreSQL one: `mysql://x` is a
 * mistake to report, never a SQLite file named after it.
 */
export function historyLocation(target: HistoryTarget): StoreLocation {
  for (const [value, name] of [[target.db, '--db'], [target.env.DRIFTWATCH_DB, 'DRIFTWATCH_DB']] as const) {
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value?.trim() ?? '')?.[1];
    if (scheme !== undefined && !/^postgres(ql)?$/i.test(scheme)) {
      throw inputError(`${name}: "${scheme}://" is not a history store driftwatch can open: give a SQLite file path or a postgres:// URL`);
    }
  }
  return locateStore(target.db, target.root, target.cwd, target.env);
}

/** `create`: a first run makes the store; `existing`: the store must be there already (read-only commands, ack, notify). */
export type StoreMode = 'create' | 'existing';

/**
 * Opens the store at `location`; `existing` refuses a SQLite file that is not there, or a PostgreSQL database without
 * driftwatch's tables (exit 2, naming it), and creates nothing.
 */
export async function openHistory(location: StoreLocation, mode: StoreMode): Promise<HistoryStore> {
  if (mode === 'existing' && location.kind === 'sqlite' && !existsSync(location.file)) {
    throw inputError(`no history store at ${location.file}: run \`driftwatch scan\` first, or point --db (or DRIFTWATCH_DB) at the store`);
  }
  return openLocation(location, { mustExist: mode === 'existing' });
}
