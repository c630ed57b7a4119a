// Every output of `driftwatch map`, by format name: `--format` offers exactly these keys.
import type { IntegrationMap } from '../model/map.js';
import type { Renderer } from '../render.js';
import { renderMapJson } from './json.js';
import { renderMapMarkdown } from './markdown.js';
import { renderMapText } from './text.js';

export const mapRenderers = {
  text: renderMapText,
  markdown: renderMapMarkdown,
  json: renderMapJson,
} satisfies Record<string, Renderer<IntegrationMap>>;
