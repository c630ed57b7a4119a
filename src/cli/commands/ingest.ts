// `driftwatch ingest --connector <name> <file>...`: judge captured webhook deliveries as a scan judges samples.
import { resolve } from 'node:path';
import { ingest } from '../../app/ingest.js';
import type { FormatOf } from '../../report/registry.js';
import { projectRoot, stderrLogger, withStore, type RootFlags } from '../context.js';
import { exitCodeFor, scanOutcome } from '../exit.js';
import type { CliIo } from '../io.js';
import { print, writeStepSummary } from '../print.js';
import { notifyOption, printNotifyReport } from '../tell-owners.js';

export interface IngestFlags extends RootFlags {
  connector: string;
  format: FormatOf<'scan'>;
  notify?: boolean;
}

export async function ingestCommand(files: readonly string[], flags: IngestFlags, io: CliIo): Promise<number> {
  const root = projectRoot(flags, io);
  return withStore(flags, io, 'create', root, async (store) => {
    const result = await ingest({
      root,
      store,
      connector: flags.connector,
      files: files.map((f) => resolve(io.cwd, f)),
      env: io.env,
      now: () => io.now(),
      log: stderrLogger(io),
      notify: flags.notify === false ? false : notifyOption(io),
    });
    printNotifyReport(result.notify, io);
    await print(io, 'scan', flags.format, result, root);
    await writeStepSummary(io, 'scan', result, root);
    return exitCodeFor(scanOutcome(result));
  });
}

