// Retries the notification outbox on a tick, one flush at a time, so a Slack outage costs delay, not messages.
import type { FlushReport } from '../notify/flush-outbox.js';
import type { Cancel, Clock } from './clock.js';
import type { WatchLogger } from './connector-runner.js';

export interface OutboxTickerOptions {
  /** The flush use case, bound to the store and delivery options. */
  flush: () => Promise<FlushReport>;
  clock: Clock;
  logger: WatchLogger;
  /** 0: no tick (flushNow still works). */
  intervalMs: number;
  onStoreStatus?: (error: unknown) => void;
}

export interface OutboxTicker {
  /** Flushes now; a call while a flush runs joins it instead of starting a second one. Never throws. */
  flushNow(): Promise<void>;
  stop(): void;
}

export function startOutboxTicker(options: OutboxTickerOptions): OutboxTicker {
  const { logger } = options;
  let flushing: Promise<void> | undefined;
  function flushNow(): Promise<void> {
    flushing ??= (async () => {
      try {
        const report = await options.flush();
        if (report.delivered.length > 0 || report.failed.length > 0) {
          logger.info({ delivered: report.delivered.length, failed: report.failed.length, pending: report.pending }, 'outbox flushed');
        }
      } catch (error) {
        options.onStoreStatus?.(error);
        logger.error({ err: error }, 'outbox flush failed');
      } finally {
        flushing = undefined;
      }
    })();
    return flushing;
  }
  const cancel: Cancel = options.intervalMs > 0 ? options.clock.every(options.intervalMs, () => void flushNow()) : () => {};
  return { flushNow, stop: cancel };
}
