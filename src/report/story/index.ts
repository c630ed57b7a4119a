// Every output of `driftwatch history <fingerprint>`: a finding's whole story (every event with time, actor and note).
import { markdownCell } from '../markdown-cell.js';
import { seenBy } from '../format-value.js';
import { driftJson, jsonDocument } from '../json-document.js';
import type { StoryResult } from '../model/history.js';
import type { Renderer, RenderContext } from '../render.js';

function heading({ drift: d }: StoryResult): string {
  return `#${d.id} ${d.fingerprint} ${d.severity} ${d.status}: ${d.connector}/${d.endpoint} ${d.rule} ${d.path}`;
}

function renderStoryText(result: StoryResult, { paint }: Pick<RenderContext, 'paint'>): string {
  const d = result.drift;
  const lines = [paint('bold', heading(result)), `  ${d.message}`];
  if (d.evidence.length > 0) lines.push(paint('gray', `  seen by: ${seenBy(d.evidence)}`));
  lines.push('');
  if (result.events.length === 0) lines.push(paint('gray', '  no events recorded (a finding older than the audit trail)'));
  const width = Math.max(0, ...result.events.map((e) => e.kind.length));
  for (const e of result.events) {
    const run = e.runId !== null ? paint('gray', ` (run #${e.runId})`) : '';
    lines.push(`  ${e.at}  ${e.kind.padEnd(width)}  ${e.actor}${run}${e.note ? `: ${e.note}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function renderStoryJson(result: StoryResult): string {
  return jsonDocument({
    kind: 'story',
    drift: driftJson(result.drift),
    events: result.events.map((e) => ({ at: e.at, kind: e.kind, actor: e.actor, note: e.note, runId: e.runId })),
  });
}

function renderStoryMarkdown(result: StoryResult): string {
  const rows = result.events.map((e) => `| ${e.at} | ${e.kind} | ${markdownCell(e.actor)} | ${e.note ? markdownCell(e.note) : ''} |`);
  return `### ${markdownCell(heading(result))}\n\n${markdownCell(result.drift.message)}\n\n| when | event | who | note |\n|---|---|---|---|\n${rows.join('\n')}\n`;
}

export const storyRenderers = {
  text: renderStoryText,
  json: renderStoryJson,
  markdown: renderStoryMarkdown,
} satisfies Record<string, Renderer<StoryResult>>;
