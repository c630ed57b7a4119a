// Every output of a scan, by format name: `--format` offers exactly these keys.
import type { ScanResult } from '../model/scan.js';
import type { Renderer } from '../render.js';
import { renderScanJson } from './json.js';
import { renderScanJunit } from './junit.js';
import { renderScanMarkdown } from './markdown.js';
import { renderScanSarif } from './sarif.js';
import { renderScanText } from './text.js';

export const scanRenderers = {
  text: renderScanText,
  json: renderScanJson,
  junit: renderScanJunit,
  markdown: renderScanMarkdown,
  sarif: renderScanSarif,
} satisfies Record<string, Renderer<ScanResult>>;
