// What every command needs first: the project root, the history store, and a stderr logger.
import { resolve } from 'node:path';
import { locateStore, openLocation } from '../store/open-store.js';
import type { HistoryStore } from '../store/history-store.js';
import type { CliIo } from './io.js';

export interface RootFlags {
  root?: string;
  db?: string;
}

export function resolveRoot(flags: RootFlags, io: CliIo): string {
  return resolve(io.cwd, flags.root ?? '.');
}

/** Opens the store (a --db file path is relative to where the user stands), runs `fn`, always closes it. */
export async function withStore<T>(flags: RootFlags, io: CliIo, fn: (store: HistoryStore, root: string) => Promise<T>): Promise<T> {
  const root = resolveRoot(flags, io);
  const store = await openLocation(locateStore(flags.db, root, io.cwd, io.env));
  try {
    return await fn(store, root);
  } finally {
    await store.close();
  }
}

export function stderrLogger(io: CliIo): (line: string) => void {
  return (line) => io.stderr(`${line}\n`);
}
