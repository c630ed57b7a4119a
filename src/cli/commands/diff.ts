// `driftwatch diff <old> <new>`: consumer-scoped spec diff (one connector's operations, or --all); exit 1 on breaking.
import { specDiff } from '../../app/spec-diff.js';
import { formatProblem } from '../../core/format-problem.js';
import { inputError } from '../../errors.js';
import type { FormatOf } from '../../report/registry.js';
import { projectRoot, resolveRoot, type RootFlags } from '../context.js';
import { ExitCode, exitCodeFor } from '../exit.js';
import type { CliIo } from '../io.js';
import { print } from '../print.js';

export interface DiffFlags extends RootFlags {
  connector?: string;
  all?: boolean;
  format: FormatOf<'diff'>;
  /** Skip swagger-parser's structural validation (faster on huge specs). */
  validate?: boolean;
}

export async function diffCommand(oldSpec: string, newSpec: string, flags: DiffFlags, io: CliIo): Promise<number> {
  if (flags.connector && flags.all) throw inputError('--connector and --all exclude each other');
  // Two spec files need no project; judging from a connector's side does.
  const root = flags.connector ? projectRoot(flags, io) : resolveRoot(flags, io);
  // Vendor specs run to megabytes (GitHub's is 13): seconds of reading and validating, so say so first.
  io.stderr(`reading ${oldSpec} and ${newSpec}${flags.validate === false ? '' : ' (validating both; --no-validate skips it)'}\n`);
  const outcome = await specDiff({
    root,
    cwd: io.cwd,
    oldSpec,
    newSpec,
    now: io.now(),
    ...(flags.connector ? { connector: flags.connector } : {}),
    ...(flags.validate === false ? { validate: false } : {}),
  });
  if (!outcome.ok) {
    for (const problem of outcome.problems) io.stderr(`driftwatch: ${formatProblem(problem, io.cwd)}\n`);
    return ExitCode.badInput;
  }
  await print(io, 'diff', flags.format, outcome.report, root);
  return exitCodeFor({ breaking: outcome.report.result.summary.breaking });
}
