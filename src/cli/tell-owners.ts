// Telling the owners from the CLI: the run records its messages with its drifts; here, how long it waits for quick
// delivery retries and what it says about them on stderr.
import type { NotifyReport } from '../app/notify-run.js';
import type { CliIo } from './io.js';

/** The scan's `notify` option: tests shorten the in-process wait for quick retries; the outbox keeps whatever is left. */
export function notifyOption(io: CliIo): { flush?: { maxWaitMs: number } } {
  const wait = Number.parseInt(io.env['DRIFTWATCH_NOTIFY_WAIT_MS'] ?? '', 10);
  return Number.isFinite(wait) && wait >= 0 ? { flush: { maxWaitMs: wait } } : {};
}

/** Async: the notify stack (and Slack's client) loads only when there is a report, never for `--no-notify`. */
export async function printNotifyReport(report: NotifyReport | undefined, io: CliIo): Promise<void> {
  if (!report) return;
  const { notifyLogLines } = await import('../app/notify-run.js');
  for (const line of notifyLogLines(report)) io.stderr(`${line}\n`);
}
