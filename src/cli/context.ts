// What commands need first: the project root (found like git finds its repository), the history store (opened for
// writing, or only if it exists), and a stderr logger for progress lines.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { inputError } from '../errors.js';
import type { HistoryStore } from '../store/history-store.js';
import { locateStore, openLocation, type StoreLocation } from '../store/open-store.js';
import type { CliIo } from './io.js';

export interface RootFlags {
  root?: string;
  db?: string;
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The nearest folder from `start` upward that holds `contracts/`, as git and vitest find their roots; the search stops
 * at the top of a git repository, so a stray contracts/ above the repository is never picked. Undefined: none.
 */
function findProjectRoot(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (isDir(join(dir, 'contracts'))) return dir;
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return undefined;
  }
}

/** `--root` wins; else the project found from where the user stands; else where the user stands. */
export function resolveRoot(flags: Pick<RootFlags, 'root'>, io: CliIo): string {
  if (flags.root !== undefined) return resolve(io.cwd, flags.root);
  return findProjectRoot(io.cwd) ?? io.cwd;
}

/** The root of a command that reads connectors: without a contracts/ folder there is nothing to do (and nothing is created). */
export function projectRoot(flags: Pick<RootFlags, 'root'>, io: CliIo): string {
  const root = resolveRoot(flags, io);
  if (!isDir(join(root, 'contracts'))) {
    const where = flags.root !== undefined ? root : `${io.cwd} or any folder above it`;
    throw inputError(`no contracts/ folder in ${where}: run \`driftwatch init\` to scaffold one, or pass --root <project folder>`);
  }
  return root;
}

/**
 * Where the history store is: --db, else DRIFTWATCH_DB, else <root>/.driftwatch/history.db. A URL must be a
 * PostgreSQL one: `mysql://x` is a mistake to report, never a SQLite file named after it.
 */
export function storeLocation(flags: RootFlags, root: string, io: CliIo): StoreLocation {
  for (const [value, name] of [[flags.db, '--db'], [io.env.DRIFTWATCH_DB, 'DRIFTWATCH_DB']] as const) {
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value?.trim() ?? '')?.[1];
    if (scheme !== undefined && !/^postgres(ql)?$/i.test(scheme)) {
      throw inputError(`${name}: "${scheme}://" is not a history store driftwatch can open: give a SQLite file path or a postgres:// URL`);
    }
  }
  return locateStore(flags.db, root, io.cwd, io.env);
}

/** `create`: a first run makes the store; `existing`: the store must be there already (read-only commands, ack, notify). */
export type StoreMode = 'create' | 'existing';

/**
 * Opens the store, runs `fn`, always closes it. `existing`: the store must exist already (a SQLite file that is not
 * there is a wrong path or a project never scanned, exit 2 naming it); it is never created.
 */
export async function withStore<T>(flags: RootFlags, io: CliIo, mode: StoreMode, root: string, fn: (store: HistoryStore) => Promise<T>): Promise<T> {
  const location = storeLocation(flags, root, io);
  if (mode === 'existing' && location.kind === 'sqlite' && !existsSync(location.file)) {
    throw inputError(`no history store at ${location.file}: run \`driftwatch scan\` first, or point --db (or DRIFTWATCH_DB) at the store`);
  }
  const store = await openLocation(location);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function stderrLogger(io: CliIo): (line: string) => void {
  return (line) => io.stderr(`${line}\n`);
}
