// `driftwatch history`: the drift timeline, filterable by connector, rule and status; `history <fingerprint>` one
// finding's whole story. Read-only: never creates a store.
import { listHistory, parseBefore, type DriftStatus } from '../../app/history.js';
import { findingStory } from '../../app/story.js';
import type { FormatOf } from '../../report/registry.js';
import { resolveRoot, withStore, type RootFlags } from '../context.js';
import { ExitCode } from '../exit.js';
import type { CliIo } from '../io.js';
import { print } from '../print.js';

export interface HistoryFlags extends RootFlags {
  connector?: string;
  rule?: string;
  status?: DriftStatus;
  limit?: number;
  /** A drift id or a time: the page after it (`--before` from the previous page's hint). */
  before?: string;
  format: FormatOf<'history'>;
  /** A drift id, fingerprint or unique prefix: its story instead of the timeline. */
  finding?: string;
}

export async function historyCommand(flags: HistoryFlags, io: CliIo): Promise<number> {
  const root = resolveRoot(flags, io);
  return withStore(flags, io, 'existing', root, async (store) => {
    if (flags.finding !== undefined) {
      // The story has the timeline's formats (text, json, markdown).
      await print(io, 'story', flags.format as FormatOf<'story'>, await findingStory(store, flags.finding), root);
      return ExitCode.clean;
    }
    const result = await listHistory(store, {
      ...(flags.connector ? { connector: flags.connector } : {}),
      ...(flags.rule ? { rule: flags.rule } : {}),
      ...(flags.status ? { status: flags.status } : {}),
      ...(flags.limit ? { limit: flags.limit } : {}),
      ...(flags.before ? { before: parseBefore(flags.before) } : {}),
    });
    if (result.next !== null) io.stderr(`more: driftwatch history --before ${result.next}${flags.limit ? ` --limit ${flags.limit}` : ''}\n`);
    await print(io, 'history', flags.format, result, root);
    return ExitCode.clean;
  });
}
