// `driftwatch store stats`: the history's size per table, its oldest sample, drifts by status, the retention.
// Read-only: never creates a store.
import { storeStats } from '../../app/store-stats.js';
import type { FormatOf } from '../../report/registry.js';
import { resolveRoot, withStore, type RootFlags } from '../context.js';
import { ExitCode } from '../exit.js';
import type { CliIo } from '../io.js';
import { print } from '../print.js';

export interface StoreStatsFlags extends RootFlags {
  format: FormatOf<'store-stats'>;
}

export async function storeStatsCommand(flags: StoreStatsFlags, io: CliIo): Promise<number> {
  const root = resolveRoot(flags, io);
  return withStore(flags, io, 'existing', root, async (store) => {
    await print(io, 'store-stats', flags.format, await storeStats(store, io.env), root);
    return ExitCode.clean;
  });
}
