// What `migrate` did: the tables copied from SQLite into PostgreSQL, or why it refused.
import type { CopyConflict, TableCopy } from '../../store/copy-history.js';

export type MigrateResult =
  | { ok: true; from: string; to: string; tables: TableCopy[] }
  | { ok: false; from: string; to: string; problem: string; conflicts: CopyConflict[] };
