// Every output of `driftwatch diff`, by format name: `--format` offers exactly these keys.
import type { SpecDiffReport } from '../model/spec-diff.js';
import type { Renderer } from '../render.js';
import { renderSpecDiffJson } from './json.js';
import { renderSpecDiffMarkdown } from './markdown.js';
import { renderSpecDiffSarif } from './sarif.js';
import { renderSpecDiffText } from './text.js';

export const specDiffRenderers = {
  text: renderSpecDiffText,
  json: renderSpecDiffJson,
  markdown: renderSpecDiffMarkdown,
  sarif: renderSpecDiffSarif,
} satisfies Record<string, Renderer<SpecDiffReport>>;
