// `driftwatch ack <drift> --note "..."`: acknowledge a drift and record its root cause. Never creates a store.
import { acknowledge } from '../../app/ack.js';
import type { FormatOf } from '../../report/registry.js';
import { resolveRoot, withStore, type RootFlags } from '../context.js';
import { ExitCode } from '../exit.js';
import type { CliIo } from '../io.js';
import { print } from '../print.js';

export interface AckFlags extends RootFlags {
  /** A drift id (`6` or `#6`), a fingerprint, or an unambiguous fingerprint prefix. */
  drift: string;
  note?: string;
  /** Who acknowledges it; default git's user.email, else the OS user. */
  by?: string;
  format: FormatOf<'ack'>;
}

export async function ackCommand(flags: AckFlags, io: CliIo): Promise<number> {
  const root = resolveRoot(flags, io);
  return withStore(flags, io, 'existing', root, async (store) => {
    const result = await acknowledge({ root, store, drift: flags.drift, env: io.env, now: io.now(), ...(flags.note !== undefined ? { note: flags.note } : {}), ...(flags.by !== undefined ? { by: flags.by } : {}) });
    await print(io, 'ack', flags.format, result, root);
    return ExitCode.clean;
  });
}
