// `driftwatch outbox`: what is pending or failed in the notification outbox, and why. Read-only: never creates a store.
import { listOutbox } from '../../app/outbox.js';
import type { FormatOf } from '../../report/registry.js';
import { resolveRoot, withStore, type RootFlags } from '../context.js';
import { ExitCode } from '../exit.js';
import type { CliIo } from '../io.js';
import { print } from '../print.js';

export interface OutboxFlags extends RootFlags {
  all?: boolean;
  format: FormatOf<'outbox'>;
}

export async function outboxCommand(flags: OutboxFlags, io: CliIo): Promise<number> {
  const root = resolveRoot(flags, io);
  return withStore(flags, io, 'existing', root, async (store) => {
    await print(io, 'outbox', flags.format, await listOutbox(store, { all: flags.all === true }), root);
    return ExitCode.clean;
  });
}
