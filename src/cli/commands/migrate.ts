// `driftwatch migrate --from <sqlite file> --to <postgres url>`: moves a project's history into PostgreSQL.
import { isAbsolute, resolve } from 'node:path';
import { maskUrl, migrateHistory, type MigrateResult } from '../../app/migrate.js';
import { inputError } from '../../errors.js';
import { defaultDbPath, isPostgresUrl } from '../../store/open-store.js';
import { resolveRoot } from '../context.js';
import { ExitCode } from '../exit.js';
import { painter, type CliIo } from '../io.js';

export interface MigrateFlags {
  root?: string;
  /** The SQLite history file; default `<root>/.driftwatch/history.db`. */
  from?: string;
  /** The PostgreSQL URL; default DRIFTWATCH_DB when that is a postgres:// URL. */
  to?: string;
  format?: 'text' | 'json';
}

export async function migrateCommand(flags: MigrateFlags, io: CliIo): Promise<number> {
  const root = resolveRoot(flags, io);
  if (flags.from !== undefined && isPostgresUrl(flags.from)) {
    throw inputError('--from is the SQLite history file to copy from, not a postgres:// URL');
  }
  const from = flags.from === undefined ? defaultDbPath(root) : isAbsolute(flags.from) ? flags.from : resolve(io.cwd, flags.from);
  const envDb = io.env['DRIFTWATCH_DB'];
  const to = flags.to ?? (envDb !== undefined && isPostgresUrl(envDb) ? envDb : undefined);
  if (to === undefined) throw inputError('--to <postgres://...> is required (or set DRIFTWATCH_DB to a postgres:// URL)');
  if (!isPostgresUrl(to)) throw inputError(`--to must be a postgres:// URL, got ${maskUrl(to)}`);

  const result = await migrateHistory({ from, to });
  if (flags.format === 'json') io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else if (result.ok) io.stdout(renderMigrated(result, io.color));
  else io.stderr(renderRefused(result));
  return result.ok ? ExitCode.clean : ExitCode.badInput;
}

function renderMigrated(result: Extract<MigrateResult, { ok: true }>, color: boolean): string {
  const paint = painter(color);
  const lines = [`${paint('green', 'migrated')} ${result.from} -> ${result.to}`];
  for (const t of result.tables) {
    lines.push(`  ${t.table.padEnd(8)} ${String(t.copied).padStart(7)} copied${t.skipped > 0 ? paint('gray', `, ${t.skipped} already there`) : ''}`);
  }
  if (result.tables.every((t) => t.copied === 0 && t.skipped > 0)) lines.push(paint('gray', '  nothing new: the target already had this history'));
  return `${lines.join('\n')}\n`;
}

function renderRefused(result: Extract<MigrateResult, { ok: false }>): string {
  const lines = [`driftwatch migrate: ${result.problem}`];
  for (const c of result.conflicts) lines.push(`  ${c.table} #${c.id}: ${c.reason}`);
  return `${lines.join('\n')}\n`;
}
