// `driftwatch scan`: sample every connector now, diff, record, print; exit 1 on breaking drift.
import { scan } from '../../app/scan.js';
import { renderScanJson } from '../../report/scan-json.js';
import { renderScanJunit } from '../../report/scan-junit.js';
import { renderScanMarkdown } from '../../report/scan-markdown.js';
import { renderScanText } from '../../report/scan-text.js';
import { withStore, stderrLogger, type RootFlags } from '../context.js';
import { countBadInput, exitCodeFor } from '../exit.js';
import { painter, type CliIo } from '../io.js';

export interface ScanFlags extends RootFlags {
  connector?: string;
  format: 'text' | 'json' | 'junit' | 'markdown';
  notify?: boolean;
}

export async function scanCommand(flags: ScanFlags, io: CliIo): Promise<number> {
  return withStore(flags, io, async (store, root) => {
    const wait = Number.parseInt(io.env['DRIFTWATCH_NOTIFY_WAIT_MS'] ?? '', 10);
    const result = await scan({
      root,
      store,
      env: io.env,
      now: () => io.now(),
      log: stderrLogger(io),
      ...(flags.connector ? { connector: flags.connector } : {}),
      notify: flags.notify === false ? false : { ...(Number.isFinite(wait) && wait >= 0 ? { flush: { maxWaitMs: wait } } : {}) },
    });
    if (result.notify) {
      const { notifyLogLines } = await import('../../app/notify-run.js');
      for (const line of notifyLogLines(result.notify)) io.stderr(`${line}\n`);
    }
    if (flags.format === 'json') io.stdout(renderScanJson(result));
    else if (flags.format === 'junit') io.stdout(renderScanJunit(result));
    else if (flags.format === 'markdown') io.stdout(renderScanMarkdown(result));
    else io.stdout(renderScanText(result, painter(io.color)));
    return exitCodeFor({
      breaking: result.summary.breaking,
      badInput: countBadInput(result.errors),
      nothingReached: result.nothingReached,
    });
  });
}
