// `driftwatch notify --flush`: delivers what the outbox holds now (retries after a Slack outage); exit 3 if some still fail.
import { flushNow } from '../../app/notify-flush.js';
import { inputError } from '../../errors.js';
import { painter } from '../../report/paint.js';
import { resolveRoot, withStore, type RootFlags } from '../context.js';
import { ExitCode } from '../exit.js';
import type { CliIo } from '../io.js';

export interface NotifyFlags extends RootFlags {
  flush?: boolean;
}

export async function notifyCommand(flags: NotifyFlags, io: CliIo): Promise<number> {
  if (!flags.flush) throw inputError('nothing to do: `driftwatch notify --flush` delivers the pending notifications in the outbox');
  const root = resolveRoot(flags, io);
  // An outbox lives in a store a scan made: flushing never creates one.
  return withStore(flags, io, 'existing', root, async (store) => {
    const paint = painter(io.color);
    const report = await flushNow(store, { env: io.env, now: () => io.now() });
    for (const d of report.delivered) io.stdout(`${paint('green', 'delivered')} #${d.id} ${d.connector} → ${d.target}\n`);
    for (const f of report.failed) io.stdout(`${paint('red', 'failed')}    #${f.id} ${f.connector} → ${f.target}: ${f.error} (attempt ${f.attempts}, next ${f.nextAttemptAt})\n`);
    io.stdout(`${report.delivered.length} delivered, ${report.failed.length} failed, ${report.pending} still pending\n`);
    return report.failed.length > 0 ? ExitCode.operational : ExitCode.clean;
  });
}
