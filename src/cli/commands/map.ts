// `driftwatch map`: the integration map (owners, auth, failure mode, business process, drift exposure) with gaps flagged.
import { buildIntegrationMap } from '../../app/map.js';
import { renderMapJson } from '../../report/map-json.js';
import { renderMapMarkdown } from '../../report/map-markdown.js';
import { renderMapText } from '../../report/map-text.js';
import { formatProblem } from '../../config/format-problem.js';
import { withStore, type RootFlags } from '../context.js';
import { exitCodeFor } from '../exit.js';
import { painter, type CliIo } from '../io.js';

export interface MapFlags extends RootFlags {
  format: 'text' | 'markdown' | 'json';
}

export async function mapCommand(flags: MapFlags, io: CliIo): Promise<number> {
  return withStore(flags, io, async (store, root) => {
    const map = await buildIntegrationMap({ root, store, env: io.env, now: io.now() });
    if (flags.format === 'json') io.stdout(renderMapJson(map));
    else if (flags.format === 'markdown') io.stdout(renderMapMarkdown(map));
    else io.stdout(renderMapText(map, painter(io.color)));
    for (const problem of map.problems) io.stderr(`problem: ${formatProblem(problem, root)}\n`);
    // The map reports gaps; it does not fail on them. Unreadable files are bad input.
    return exitCodeFor({ breaking: 0, badInput: map.problems.length });
  });
}
