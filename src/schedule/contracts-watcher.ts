// When to reload: an edit under contracts/ (fs.watch, debounced) and a periodic re-read for file systems without events.
import { watch as watchFiles, type FSWatcher } from 'node:fs';
import type { Cancel, Clock } from './clock.js';
import type { WatchLogger } from './connector-runner.js';

export interface ContractsWatcherOptions {
  dir: string;
  clock: Clock;
  logger: WatchLogger;
  reload: () => Promise<void>;
  /** React to file-system events. */
  events: boolean;
  /** Re-read every N ms even without events (0: never). */
  intervalMs: number;
  /** Quiet time after the last event before reloading: an editor's save is several events. */
  debounceMs?: number;
}

export function watchContracts(options: ContractsWatcherOptions): { close(): void } {
  const { clock, logger } = options;
  const reload = (): void => void options.reload().catch((error: unknown) => logger.error({ err: error }, 'reload failed'));
  const cancels: Cancel[] = [];
  if (options.intervalMs > 0) cancels.push(clock.every(options.intervalMs, reload));
  let watcher: FSWatcher | undefined;
  if (options.events) {
    let debounce: Cancel = () => {};
    cancels.push(() => debounce());
    try {
      watcher = watchFiles(options.dir, { recursive: true }, () => {
        debounce();
        debounce = clock.after(options.debounceMs ?? 200, reload);
      });
      watcher.on('error', (error) => logger.warn({ err: error }, 'watching contracts/ failed: edits are picked up on the next periodic reload'));
    } catch (error) {
      logger.warn({ err: error }, 'cannot watch contracts/: edits are picked up on the next periodic reload');
    }
  }
  return {
    close() {
      for (const cancel of cancels) cancel();
      watcher?.close();
    },
  };
}
