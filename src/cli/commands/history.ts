// `driftwatch history`: the drift timeline, filterable by connector, rule and status.
import { historyPage, parseBefore } from '../../app/history-paging.js';
import { renderHistoryMarkdown, renderHistoryText } from '../../report/history-text.js';
import type { DriftStatus } from '../../store/history-store.js';
import { withStore, type RootFlags } from '../context.js';
import { ExitCode } from '../exit.js';
import { painter, type CliIo } from '../io.js';

export interface HistoryFlags extends RootFlags {
  connector?: string;
  rule?: string;
  status?: DriftStatus;
  limit?: number;
  /** A drift id or a time: the page after it (`--before` from the previous page's hint). */
  before?: string;
  format: 'text' | 'json' | 'markdown';
}

export async function historyCommand(flags: HistoryFlags, io: CliIo): Promise<number> {
  return withStore(flags, io, async (store) => {
    const { drifts, next } = await historyPage(store, {
      ...(flags.connector ? { connector: flags.connector } : {}),
      ...(flags.rule ? { rule: flags.rule } : {}),
      ...(flags.status ? { status: flags.status } : {}),
      ...(flags.limit ? { limit: flags.limit } : {}),
      ...(flags.before ? { before: parseBefore(flags.before) } : {}),
    });
    if (next !== null) io.stderr(`more: driftwatch history --before ${next}${flags.limit ? ` --limit ${flags.limit}` : ''}\n`);
    if (flags.format === 'json') io.stdout(`${JSON.stringify({ drifts }, null, 2)}\n`);
    else if (flags.format === 'markdown') io.stdout(renderHistoryMarkdown(drifts));
    else io.stdout(renderHistoryText(drifts, painter(io.color)));
    return ExitCode.clean;
  });
}
