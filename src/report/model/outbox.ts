// What `outbox` shows: the notification outbox, each message with the state a person asks about.
import type { OutboxMessage } from '../../store/history-store.js';

export type OutboxState = 'pending' | 'failed' | 'delivered';

export interface OutboxEntry extends OutboxMessage {
  state: OutboxState;
}

export interface OutboxResult {
  messages: OutboxEntry[];
  /** True when delivered messages were left out (the default; `--all` lists them). */
  pendingOnly: boolean;
}
