// Every output of `driftwatch history`, by format name: `--format` offers exactly these keys.
import type { HistoryResult } from '../model/history.js';
import type { Renderer } from '../render.js';
import { renderHistoryJson } from './json.js';
import { renderHistoryMarkdown } from './markdown.js';
import { renderHistoryText } from './text.js';

export const historyRenderers = {
  text: renderHistoryText,
  json: renderHistoryJson,
  markdown: renderHistoryMarkdown,
} satisfies Record<string, Renderer<HistoryResult>>;
