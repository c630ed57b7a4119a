// The renderer registry: every result kind and the outputs it has. A command prints through it, and its `--format`
// choices are the keys of its kind: a new format is one renderer file and one line in its kind's index, nothing in
// the CLI.
import { ackRenderers } from './ack/index.js';
import { historyRenderers } from './history/index.js';
import { mapRenderers } from './map/index.js';
import { migrateRenderers } from './migrate/index.js';
import type { AckResult, HistoryResult, StoryResult } from './model/history.js';
import type { IntegrationMap } from './model/map.js';
import type { MigrateResult } from './model/migrate.js';
import type { OutboxResult } from './model/outbox.js';
import type { ScanResult } from './model/scan.js';
import type { SpecDiffReport } from './model/spec-diff.js';
import type { StoreStatsReport } from './model/store-stats.js';
import type { VerifyResult } from './model/verify.js';
import { outboxRenderers } from './outbox/index.js';
import type { Renderer, RenderContext } from './render.js';
import { scanRenderers } from './scan/index.js';
import { specDiffRenderers } from './spec-diff/index.js';
import { storeStatsRenderers } from './store-stats/index.js';
import { storyRenderers } from './story/index.js';
import { verifyRenderers } from './verify/index.js';

/** The model each result kind renders. */
export interface Models {
  scan: ScanResult;
  verify: VerifyResult;
  diff: SpecDiffReport;
  map: IntegrationMap;
  history: HistoryResult;
  story: StoryResult;
  ack: AckResult;
  outbox: OutboxResult;
  migrate: MigrateResult;
  'store-stats': StoreStatsReport;
}

export const renderers = {
  scan: scanRenderers,
  verify: verifyRenderers,
  diff: specDiffRenderers,
  map: mapRenderers,
  history: historyRenderers,
  story: storyRenderers,
  ack: ackRenderers,
  outbox: outboxRenderers,
  migrate: migrateRenderers,
  'store-stats': storeStatsRenderers,
} satisfies { [K in keyof Models]: Record<string, Renderer<Models[K]>> };

export type ResultKind = keyof Models;
export type FormatOf<K extends ResultKind> = keyof (typeof renderers)[K] & string;

/** The formats of a result kind, text first: what `--format` offers. */
export function formatsOf(kind: ResultKind): string[] {
  return Object.keys(renderers[kind]);
}

/** Renders `model` of `kind` in `format` (one of `formatsOf(kind)`). */
export function render<K extends ResultKind>(kind: K, format: FormatOf<K>, model: Models[K], ctx: RenderContext): string {
  const table = renderers[kind] as Record<string, Renderer<Models[K]>>;
  const renderer = table[format];
  if (!renderer) throw new Error(`no ${format} output for ${kind}`);
  return renderer(model, ctx);
}
