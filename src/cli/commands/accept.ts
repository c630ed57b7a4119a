// `driftwatch accept`: the current live shapes become the accepted snapshots; `--change` accepts one known change.
import { accept } from '../../app/accept.js';
import { acceptChange } from '../../app/accept-change.js';
import { resolveActor } from '../../app/actor.js';
import { inputError } from '../../errors.js';
import { renderAcceptChangeText, renderAcceptText } from '../../report/accept/text.js';
import { projectRoot, stderrLogger, withStore, type RootFlags } from '../context.js';
import { acceptOutcome, ExitCode, exitCodeFor } from '../exit.js';
import type { CliIo } from '../io.js';
import { renderContext } from '../print.js';

export interface AcceptFlags extends RootFlags {
  connector?: string;
  endpoint?: string;
  events?: boolean;
  samples?: number;
  change?: string;
  reason?: string;
  expires?: string;
  by?: string;
}

export async function acceptCommand(flags: AcceptFlags, io: CliIo): Promise<number> {
  if (flags.change === undefined && flags.reason !== undefined) throw inputError('--reason goes with --change <fingerprint>');
  const root = projectRoot(flags, io);
  if (flags.change !== undefined) {
    const fingerprint = flags.change;
    // A known change, accepted on purpose: it needs a drift in the history to name, so the store must exist.
    return withStore(flags, io, 'existing', root, async (store) => {
      const by = await resolveActor(flags.by, root, io.env);
      const result = await acceptChange(root, fingerprint, flags.reason ?? '', by, store, {
        now: io.now(),
        env: io.env,
        ...(flags.expires ? { expires: flags.expires } : {}),
      });
      io.stdout(renderAcceptChangeText(result, renderContext(io, root)));
      return ExitCode.clean;
    });
  }
  return withStore(flags, io, 'create', root, async (store) => {
    const result = await accept({
      root,
      store,
      env: io.env,
      now: () => io.now(),
      log: stderrLogger(io),
      ...(flags.connector ? { connector: flags.connector } : {}),
      ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
      ...(flags.events ? { events: true } : {}),
      ...(flags.samples !== undefined ? { samples: flags.samples } : {}),
    });
    io.stdout(renderAcceptText(result, renderContext(io, root)));
    return exitCodeFor(acceptOutcome(result));
  });
}
