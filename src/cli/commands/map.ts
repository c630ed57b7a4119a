// `driftwatch map`: the integration map (owners, auth, failure mode, business process, drift exposure) with gaps flagged.
import { buildIntegrationMap } from '../../app/map.js';
import { formatProblem } from '../../core/format-problem.js';
import type { FormatOf } from '../../report/registry.js';
import { projectRoot, withStore, type RootFlags } from '../context.js';
import { exitCodeFor } from '../exit.js';
import type { CliIo } from '../io.js';
import { print } from '../print.js';

export interface MapFlags extends RootFlags {
  format: FormatOf<'map'>;
}

export async function mapCommand(flags: MapFlags, io: CliIo): Promise<number> {
  const root = projectRoot(flags, io);
  return withStore(flags, io, 'existing', root, async (store) => {
    const map = await buildIntegrationMap({ root, store, env: io.env, now: io.now() });
    await print(io, 'map', flags.format, map, root);
    for (const problem of map.problems) io.stderr(`problem: ${formatProblem(problem, root)}\n`);
    // The map reports gaps; it does not fail on them. Unreadable files are bad input.
    return exitCodeFor({ breaking: 0, badInput: map.problems.length });
  });
}
