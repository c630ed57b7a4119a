// `driftwatch diff <old> <new>`: consumer-scoped spec diff (one connector's operations, or --all); exit 1 on breaking.
import { specDiff } from '../../app/spec-diff.js';
import { formatProblem } from '../../config/format-problem.js';
import { renderSpecDiffJson } from '../../report/spec-diff-json.js';
import { renderSpecDiffMarkdown } from '../../report/spec-diff-markdown.js';
import { renderSpecDiffText } from '../../report/spec-diff-text.js';
import { inputError } from '../../errors.js';
import { resolveRoot, type RootFlags } from '../context.js';
import { ExitCode, exitCodeFor } from '../exit.js';
import { painter, type CliIo } from '../io.js';

export interface DiffFlags extends RootFlags {
  connector?: string;
  all?: boolean;
  format: 'text' | 'json' | 'markdown';
  /** Skip swagger-parser's structural validation (faster on huge specs). */
  validate?: boolean;
}

export async function diffCommand(oldSpec: string, newSpec: string, flags: DiffFlags, io: CliIo): Promise<number> {
  if (flags.connector && flags.all) throw inputError('--connector and --all exclude each other');
  const root = resolveRoot(flags, io);
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
  const report = outcome.report;
  if (flags.format === 'json') io.stdout(renderSpecDiffJson(report));
  else if (flags.format === 'markdown') io.stdout(renderSpecDiffMarkdown(report));
  else io.stdout(renderSpecDiffText(report, painter(io.color)));
  return exitCodeFor({ breaking: report.result.summary.breaking });
}
