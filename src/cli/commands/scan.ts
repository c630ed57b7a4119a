// `driftwatch scan`: sample every connector now, diff, record, tell the owners, print; exit 1 on breaking drift.
import { scan, type ScanResult } from '../../app/scan.js';
import type { FormatOf } from '../../report/registry.js';
import { projectRoot, stderrLogger, withStore, type RootFlags } from '../context.js';
import { exitCodeFor, scanOutcome } from '../exit.js';
import type { CliIo } from '../io.js';
import { print, writeStepSummary } from '../print.js';
import { notifyOption, printNotifyReport } from '../tell-owners.js';

export interface ScanFlags extends RootFlags {
  connector?: string;
  format: FormatOf<'scan'>;
  notify?: boolean;
}

export async function scanCommand(flags: ScanFlags, io: CliIo): Promise<number> {
  const root = projectRoot(flags, io);
  return withStore(flags, io, 'create', root, async (store) => {
    const result = await scan({
      root,
      store,
      env: io.env,
      now: () => io.now(),
      log: stderrLogger(io),
      ...(flags.connector ? { connector: flags.connector } : {}),
      notify: flags.notify === false ? false : notifyOption(io),
    });
    return showScan(io, flags.format, result, root);
  });
}

/** How a scan-shaped result (a scan, ingested deliveries) is shown: what the owners were told, the result, CI's summary. */
export async function showScan(io: CliIo, format: FormatOf<'scan'>, result: ScanResult, root: string): Promise<number> {
  await printNotifyReport(result.notify, io);
  await print(io, 'scan', format, result, root);
  await writeStepSummary(io, 'scan', result, root);
  return exitCodeFor(scanOutcome(result));
}
