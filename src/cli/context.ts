// What commands need first: the project root (found like git finds its repository), the history store (opened for
// writing, or only if it exists), and a stderr logger for progress lines.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { inputError } from '../errors.js';
import { historyLocation, openHistory, type HistoryStore, type StoreMode } from '../app/open-history.js';
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
 * Opens the history store (--db, DRIFTWATCH_DB or the project's file), runs `fn`, always closes it. `existing`: the
 * store must be there already; it is never created.
 */
export async function withStore<T>(flags: RootFlags, io: CliIo, mode: StoreMode, root: string, fn: (store: HistoryStore) => Promise<T>): Promise<T> {
  const store = await openHistory(historyLocation({ ...(flags.db !== undefined ? { db: flags.db } : {}), root, cwd: io.cwd, env: io.env }), mode);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function stderrLogger(io: CliIo): (line: string) => void {
  return (line) => io.stderr(`${line}\n`);
}
