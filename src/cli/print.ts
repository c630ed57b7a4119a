// The one way a command shows its result: the renderer registry, on stdout; GitHub's step summary for CI runs.
import { appendFile } from 'node:fs/promises';
import { painter } from '../report/paint.js';
import { render, type FormatOf, type Models, type ResultKind } from '../report/registry.js';
import type { RenderContext } from '../report/render.js';
import type { CliIo } from './io.js';
import { packageVersion } from '../app/version.js';

export function renderContext(io: CliIo, root: string): RenderContext {
  return { paint: painter(io.color), root, cwd: io.cwd, version: packageVersion() };
}

/** Writes `model` of `kind` in `format` to stdout. SARIF describes every rule: only then is the catalogue loaded. */
export async function print<K extends ResultKind>(io: CliIo, kind: K, format: FormatOf<K>, model: Models[K], root: string): Promise<void> {
  const ctx = renderContext(io, root);
  if (format === 'sarif') ctx.rules = (await import('../core/rules/index.js')).catalogue;
  io.stdout(render(kind, format, model, ctx));
}

/**
 * GitHub Actions shows $GITHUB_STEP_SUMMARY on the run's page: the Markdown of the result is appended there whatever
 * `--format` printed. Other CIs never set the variable.
 */
export async function writeStepSummary<K extends 'scan' | 'verify'>(io: CliIo, kind: K, model: Models[K], root: string): Promise<void> {
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (file) await appendFile(file, render(kind, 'markdown' as FormatOf<K>, model, renderContext(io, root)), 'utf8');
}
