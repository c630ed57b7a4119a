// `driftwatch migrate --from <sqlite file> --to <postgres url>`: moves a project's history into PostgreSQL.
import { isAbsolute, resolve } from 'node:path';
import { maskUrl, migrateHistory } from '../../app/migrate.js';
import { inputError } from '../../errors.js';
import { render, type FormatOf } from '../../report/registry.js';
import { defaultDbPath, isPostgresUrl } from '../../store/open-store.js';
import { resolveRoot } from '../context.js';
import { ExitCode } from '../exit.js';
import type { CliIo } from '../io.js';
import { renderContext } from '../print.js';

export interface MigrateFlags {
  root?: string;
  /** The SQLite history file; default `<root>/.driftwatch/history.db`. */
  from?: string;
  /** The PostgreSQL URL; default DRIFTWATCH_DB when that is a postgres:// URL. */
  to?: string;
  format: FormatOf<'migrate'>;
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
  const text = render('migrate', flags.format, result, renderContext(io, root));
  // A refusal in words is an error message (stderr); as JSON it is the document a script reads (stdout).
  if (!result.ok && flags.format === 'text') io.stderr(text);
  else io.stdout(text);
  return result.ok ? ExitCode.clean : ExitCode.badInput;
}
