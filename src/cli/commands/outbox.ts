// `driftwatch outbox`: what is pending or failed in the notification outbox, and why.
import { renderOutboxText } from '../../report/outbox-text.js';
import { withStore, type RootFlags } from '../context.js';
import { ExitCode } from '../exit.js';
import { painter, type CliIo } from '../io.js';

export interface OutboxFlags extends RootFlags {
  all?: boolean;
  format: 'text' | 'json';
}

export async function outboxCommand(flags: OutboxFlags, io: CliIo): Promise<number> {
  return withStore(flags, io, async (store) => {
    const messages = await store.listOutbox(flags.all ? {} : { pending: true });
    if (flags.format === 'json') {
      const rows = messages.map((m) => ({ ...m, state: m.deliveredAt ? 'delivered' : m.attempts === 0 ? 'pending' : 'failed' }));
      io.stdout(`${JSON.stringify({ messages: rows }, null, 2)}\n`);
    } else {
      io.stdout(renderOutboxText(messages, painter(io.color), !flags.all));
    }
    return ExitCode.clean;
  });
}
