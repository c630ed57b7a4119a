// `driftwatch migrate --from <sqlite file> --to <postgres url>`: moves a project's history into PostgreSQL.
import { migrateProject } from '../../app/migrate.js';
import { render, type FormatOf } from '../../report/registry.js';
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
  const result = await migrateProject({
    root,
    cwd: io.cwd,
    env: io.env,
    ...(flags.from !== undefined ? { from: flags.from } : {}),
    ...(flags.to !== undefined ? { to: flags.to } : {}),
  });
  const text = render('migrate', flags.format, result, renderContext(io, root));
  // A refusal in words is an error message (stderr); as JSON it is the document a script reads (stdout).
  if (!result.ok && flags.format === 'text') io.stderr(text);
  else io.stdout(text);
  return result.ok ? ExitCode.clean : ExitCode.badInput;
}
