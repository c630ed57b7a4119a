// `driftwatch init`: scaffold contracts/, a first connector with its contract test, and (--ci github) the workflow.
import { initProject } from '../../app/init.js';
import { resolve } from 'node:path';
import { ExitCode } from '../exit.js';
import type { CliIo } from '../io.js';
import { painter } from '../../report/paint.js';

export interface InitFlags {
  root?: string;
  ci?: 'github';
  connector?: string;
}

export async function initCommand(flags: InitFlags, io: CliIo): Promise<number> {
  // Where the user stands (or --root): init starts a project, it does not look for one above.
  const root = resolve(io.cwd, flags.root ?? '.');
  const paint = painter(io.color);
  const result = await initProject(root, {
    ...(flags.connector !== undefined ? { connector: flags.connector } : {}),
    ...(flags.ci !== undefined ? { ci: flags.ci } : {}),
  });
  for (const file of result.created) io.stdout(`${paint('green', 'created')}  ${file}\n`);
  for (const change of result.updated) io.stdout(`${paint('green', 'updated')}  ${change}\n`);
  for (const file of result.skipped) io.stdout(`${paint('gray', 'exists ')}  ${file} (left alone)\n`);
  for (const step of result.manualSteps) io.stdout(`${paint('yellow', 'todo   ')}  ${step}\n`);
  const name = flags.connector ?? 'example';
  io.stdout(
    `\nNext:${result.installNeeded ? ' npm install (for the contract test\'s dev dependencies);' : ''} edit contracts/${name}/connector.yaml,\n` +
      `pin what your code reads in contracts/${name}/${name}.pact.test.ts and run it (npm run contracts),\n` +
      `export ${result.tokenEnv}=<token>, then \`npx driftwatch accept\`, commit snapshots/, and \`npx driftwatch verify\`.\n`,
  );
  return ExitCode.clean;
}
