// Every output of `driftwatch migrate`, by format name: `--format` offers exactly these keys.
import { jsonDocument } from '../json-document.js';
import type { MigrateResult } from '../model/migrate.js';
import type { Renderer, RenderContext } from '../render.js';

function renderMigrateText(result: MigrateResult, { paint }: Pick<RenderContext, 'paint'>): string {
  if (!result.ok) {
    const lines = [`driftwatch migrate: ${result.problem}`];
    for (const c of result.conflicts) lines.push(`  ${c.table} #${c.id}: ${c.reason}`);
    return `${lines.join('\n')}\n`;
  }
  const lines = [`${paint('green', 'migrated')} ${result.from} -> ${result.to}`];
  for (const t of result.tables) {
    lines.push(`  ${t.table.padEnd(8)} ${String(t.copied).padStart(7)} copied${t.skipped > 0 ? paint('gray', `, ${t.skipped} already there`) : ''}`);
  }
  if (result.tables.every((t) => t.copied === 0 && t.skipped > 0)) lines.push(paint('gray', '  nothing new: the target already had this history'));
  return `${lines.join('\n')}\n`;
}

function renderMigrateJson(result: MigrateResult): string {
  return jsonDocument({ kind: 'migrate', ...result });
}

export const migrateRenderers = {
  text: renderMigrateText,
  json: renderMigrateJson,
} satisfies Record<string, Renderer<MigrateResult>>;
