// After a recorded run: tell each connector's owner (today's notifyRun, behind this one call), progress on stderr.
import type { Connector } from '../core/model.js';
import type { NotifiableRun } from '../app/notify-run.js';
import type { HistoryStore } from '../app/open-history.js';
import type { CliIo } from './io.js';

export async function tellOwners(run: NotifiableRun, connectors: readonly Connector[], store: HistoryStore, root: string, io: CliIo): Promise<void> {
  const { notifyRun, notifyLogLines } = await import('../app/notify-run.js');
  // Tests shorten the in-process wait for quick delivery retries; the outbox keeps whatever is left.
  const wait = Number.parseInt(io.env['DRIFTWATCH_NOTIFY_WAIT_MS'] ?? '', 10);
  const report = await notifyRun(run, {
    root,
    store,
    env: io.env,
    now: () => io.now(),
    connectors,
    ...(Number.isFinite(wait) && wait >= 0 ? { flush: { maxWaitMs: wait } } : {}),
  });
  for (const line of notifyLogLines(report)) io.stderr(`${line}\n`);
}
