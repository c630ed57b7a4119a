// `driftwatch types`: TypeScript types for each connector's spec (openapi-typescript), written into its folder.
import { relative } from 'node:path';
import { generateConnectorTypes } from '../../app/types.js';
import { formatProblem } from '../../core/format-problem.js';
import { projectRoot, type RootFlags } from '../context.js';
import { exitCodeFor } from '../exit.js';
import type { CliIo } from '../io.js';

export interface TypesFlags extends RootFlags {
  connector?: string;
}

export async function typesCommand(flags: TypesFlags, io: CliIo): Promise<number> {
  const root = projectRoot(flags, io);
  const result = await generateConnectorTypes({ root, ...(flags.connector ? { connector: flags.connector } : {}) });
  for (const name of result.withoutSpec) io.stderr(`${name}: no spec in connector.yaml, skipped\n`);
  for (const problem of result.problems) io.stderr(`driftwatch: ${formatProblem(problem, root)}\n`);
  for (const w of result.written) io.stdout(`${w.connector}: wrote ${relative(root, w.file)}\n`);
  return exitCodeFor({ breaking: 0, badInput: result.problems.length });
}
