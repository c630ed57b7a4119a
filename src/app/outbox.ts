// The outbox use case: what is pending or failed in the notification outbox (with --all, what was delivered too).
import type { OutboxResult, OutboxState } from '../report/model/outbox.js';
import type { HistoryStore, OutboxMessage } from '../store/history-store.js';

/** A message never tried is pending; tried and not delivered, failed (it is retried at `nextAttemptAt`). */
function stateOf(message: OutboxMessage): OutboxState {
  return message.deliveredAt ? 'delivered' : message.attempts === 0 ? 'pending' : 'failed';
}

export async function listOutbox(store: HistoryStore, options: { all?: boolean } = {}): Promise<OutboxResult> {
  const messages = await store.listOutbox(options.all ? {} : { pending: true });
  return { messages: messages.map((m) => ({ ...m, state: stateOf(m) })), pendingOnly: !options.all };
}
