// Every output of `driftwatch outbox`, by format name: `--format` offers exactly these keys.
import { jsonDocument } from '../json-document.js';
import type { OutboxResult } from '../model/outbox.js';
import type { Renderer } from '../render.js';
import { renderOutboxText } from './text.js';

/** The payload is what was (or will be) posted: shown as stored, it holds no webhook URL (targets are env var names). */
function renderOutboxJson(result: OutboxResult): string {
  const messages = result.messages.map((m) => ({
    id: m.id,
    state: m.state,
    connector: m.connector,
    target: m.target,
    key: m.key,
    attempts: m.attempts,
    createdAt: m.createdAt,
    nextAttemptAt: m.nextAttemptAt,
    deliveredAt: m.deliveredAt,
    lastError: m.lastError,
    payload: m.payload,
  }));
  return jsonDocument({ kind: 'outbox', pendingOnly: result.pendingOnly, messages });
}

export const outboxRenderers = {
  text: renderOutboxText,
  json: renderOutboxJson,
} satisfies Record<string, Renderer<OutboxResult>>;
