// `driftwatch store stats`: the history's size per table, its oldest sample, drifts by status, the retention.
import { storeStats } from '../../app/store-stats.js';
import { renderStoreStatsText } from '../../report/store-stats-text.js';
import { withStore, type RootFlags } from '../context.js';
import { ExitCode } from '../exit.js';
import { painter, type CliIo } from '../io.js';

export interface StoreStatsFlags extends RootFlags {
  format: 'text' | 'json';
}

export async function storeStatsCommand(flags: StoreStatsFlags, io: CliIo): Promise<number> {
  return withStore(flags, io, async (store) => {
    const report = await storeStats(store, io.env);
    io.stdout(flags.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderStoreStatsText(report, painter(io.color)));
    return ExitCode.clean;
  });
}
