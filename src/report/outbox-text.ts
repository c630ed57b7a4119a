// The outbox for humans: what is pending or failed, why, and when it is tried next.
import type { Style } from '../cli/io.js';
import type { OutboxMessage } from '../store/history-store.js';

type Paint = (style: Style, text: string) => string;

export function renderOutboxText(messages: readonly OutboxMessage[], paint: Paint, pendingOnly: boolean): string {
  if (messages.length === 0) return pendingOnly ? 'outbox empty: every notification was delivered\n' : 'outbox empty\n';
  const out: string[] = [];
  for (const m of messages) {
    const state = m.deliveredAt ? paint('green', 'delivered') : m.attempts === 0 ? paint('cyan', 'pending') : paint('red', 'failed');
    out.push(`#${String(m.id).padEnd(4)} ${state.padEnd(9)} ${paint('bold', m.connector)} → ${m.target}  attempts ${m.attempts}`);
    if (m.deliveredAt) out.push(paint('gray', `      created ${m.createdAt}, delivered ${m.deliveredAt}`));
    else out.push(paint('gray', `      created ${m.createdAt}, next attempt ${m.nextAttemptAt}`));
    if (m.lastError && !m.deliveredAt) out.push(`      last error: ${m.lastError}`);
  }
  return `${out.join('\n')}\n`;
}
