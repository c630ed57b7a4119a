// `driftwatch diff <old> <new>`: consumer-scoped spec diff (one connector's operations, or --all); exit 1 on breaking.
import { loadConnectors } from '../../config/load-connectors.js';
import { formatProblem } from '../../config/format-problem.js';
import { endpointOperations } from '../../app/checks/spec-check.js';
import { judgeSpecDiff } from '../../app/judge-spec-diff.js';
import { diffSpecs, type SpecDiffResult } from '../../openapi/diff-specs.js';
import { loadPacts } from '../../pact/pact-file.js';
import { loadSpec } from '../../openapi/load-spec.js';
import { createOperationMatcher } from '../../openapi/match-operation.js';
import { specCacheDir } from '../../openapi/spec-drift.js';
import { renderSpecDiffJson } from '../../report/spec-diff-json.js';
import { renderSpecDiffMarkdown } from '../../report/spec-diff-markdown.js';
import { metaOf, type SpecDiffReport } from '../../report/spec-diff-model.js';
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
  const loadOptions = { baseDir: io.cwd, cacheDir: specCacheDir(root), validate: flags.validate !== false };
  const [before, after] = await Promise.all([loadSpec(oldSpec, loadOptions), loadSpec(newSpec, loadOptions)]);
  let bad = false;
  for (const loaded of [before, after]) {
    if (!loaded.ok) {
      io.stderr(`driftwatch: ${formatProblem(loaded.problem, io.cwd)}\n`);
      bad = true;
    }
  }
  if (!before.ok || !after.ok || bad) return ExitCode.badInput;

  let operations: string[] | undefined;
  let endpoints: SpecDiffReport['endpoints'];
  let severity: Record<string, 'breaking' | 'warning' | 'info'> | undefined;
  let judge: ((r: SpecDiffResult) => SpecDiffResult) | undefined;
  if (flags.connector) {
    const loaded = await loadConnectors(root, { only: flags.connector });
    for (const problem of loaded.problems) io.stderr(`driftwatch: ${formatProblem(problem, root)}\n`);
    const connector = loaded.connectors.find((c) => c.name === flags.connector);
    if (!connector) {
      if (loaded.problems.length === 0) io.stderr(`driftwatch: no connector named ${flags.connector} under ${root}/contracts\n`);
      return ExitCode.badInput;
    }
    const used = endpointOperations(connector, createOperationMatcher(before.spec.document, basePath(connector.baseUrl)));
    operations = [...new Set(used.values())];
    endpoints = connector.endpoints.map((e) => ({ id: e.id, method: e.method, path: e.path, ...(used.has(e.id) ? { operation: used.get(e.id)! } : {}) }));
    severity = connector.severity;
    // The consumer's judgement, as in a scan: its contracts decide what matters, its ignore entries what is known.
    const { pacts } = await loadPacts(root);
    judge = (r) => judgeSpecDiff(r, connector, used, pacts, io.now());
  }
  const raw = await diffSpecs(before.spec.document, after.spec.document, {
    ...(operations ? { operations } : {}),
    ...(severity ? { severity } : {}),
  });
  const result = judge ? judge(raw) : raw;
  const report: SpecDiffReport = {
    before: metaOf(oldSpec, before.spec.document),
    after: metaOf(newSpec, after.spec.document),
    ...(flags.connector ? { connector: flags.connector } : {}),
    ...(endpoints ? { endpoints } : {}),
    result,
  };
  if (flags.format === 'json') io.stdout(renderSpecDiffJson(report));
  else if (flags.format === 'markdown') io.stdout(renderSpecDiffMarkdown(report));
  else io.stdout(renderSpecDiffText(report, painter(io.color)));
  return exitCodeFor({ breaking: result.summary.breaking });
}

function basePath(baseUrl: string): string[] {
  try {
    return [new URL(baseUrl).pathname];
  } catch {
    return [];
  }
}
