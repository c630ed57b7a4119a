// The outbox for humans: what is pending or failed, why, and when it is tried next.
import type { OutboxResult } from '../model/outbox.js';
import type { RenderContext } from '../render.js';

export function renderOutboxText({ messages, pendingOnly }: OutboxResult, { paint }: Pick<RenderContext, 'paint'>): string {
  if (messages.length === 0) return pendingOnly ? 'outbox empty: every notification was delivered\n' : 'outbox empty\n';
  const out: string[] = [];
  for (const m of messages) {
    const state = m.state === 'delivered' ? paint('green', 'delivered') : m.state === 'pending' ? paint('cyan', 'pending  ') : paint('red', 'failed   ');
    out.push(`#${String(m.id).padEnd(4)} ${state} ${paint('bold', m.connector)} → ${m.target}  attempts ${m.attempts}`);
    if (m.deliveredAt) out.push(paint('gray', `      created ${m.createdAt}, delivered ${m.deliveredAt}`));
    else out.push(paint('gray', `      created ${m.createdAt}, next attempt ${m.nextAttemptAt}`));
    if (m.lastError && !m.deliveredAt) out.push(`      last error: ${m.lastError}`);
  }
  return `${out.join('\n')}\n`;
}
