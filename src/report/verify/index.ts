// Every output of `driftwatch verify`, by format name: `--format` offers exactly these keys.
import type { VerifyResult } from '../model/verify.js';
import type { Renderer } from '../render.js';
import { renderVerifyJson } from './json.js';
import { renderVerifyJunit } from './junit.js';
import { renderVerifyMarkdown } from './markdown.js';
import { renderVerifySarif } from './sarif.js';
import { renderVerifyText } from './text.js';

export const verifyRenderers = {
  text: renderVerifyText,
  json: renderVerifyJson,
  junit: renderVerifyJunit,
  markdown: renderVerifyMarkdown,
  sarif: renderVerifySarif,
} satisfies Record<string, Renderer<VerifyResult>>;
