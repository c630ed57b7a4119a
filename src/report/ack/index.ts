// Every output of `driftwatch ack`, by format name: `--format` offers exactly these keys.
import { seenBy } from '../format-value.js';
import { driftJson, jsonDocument } from '../json-document.js';
import type { AckResult } from '../model/history.js';
import type { Renderer, RenderContext } from '../render.js';

function renderAckText({ drift, acknowledged }: AckResult, { paint }: Pick<RenderContext, 'paint'>): string {
  const what = `#${drift.id} ${drift.connector}/${drift.endpoint} ${drift.rule} ${drift.path}`;
  const verb = acknowledged ? 'acknowledged' : `note added to ${drift.status} drift`;
  const lines = [`${paint('green', verb)} ${what}`, `  ${drift.message}${drift.evidence.length > 0 ? paint('gray', ` (seen by ${seenBy(drift.evidence)})`) : ''}`];
  lines.push(drift.note ? `  root cause: ${drift.note}` : paint('gray', '  no root-cause note yet: add one with --note "..." so the incident history says why'));
  return `${lines.join('\n')}\n`;
}

function renderAckJson({ drift, acknowledged }: AckResult): string {
  return jsonDocument({ kind: 'ack', acknowledged, drift: driftJson(drift) });
}

export const ackRenderers = {
  text: renderAckText,
  json: renderAckJson,
} satisfies Record<string, Renderer<AckResult>>;
