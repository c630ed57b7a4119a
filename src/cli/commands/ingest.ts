// `driftwatch ingest --connector <name> <file>...`: judge captured webhook deliveries as a scan judges samples.
import { resolve } from 'node:path';
import { ingest } from '../../app/ingest.js';
import type { FormatOf } from '../../report/registry.js';
import { projectRoot, stderrLogger, withStore, type RootFlags } from '../context.js';
import type { CliIo } from '../io.js';
import { notifyOption } from '../tell-owners.js';
import { showScan } from './scan.js';

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
    return showScan(io, flags.format, result, root);
  });
}

