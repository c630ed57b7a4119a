// `driftwatch watch`: the long-running scheduler; runs until SIGTERM/SIGINT, then stops gracefully and exits 0.
import { inputError } from '../../errors.js';
import { startWatch, type WatchMode } from '../../schedule/daemon.js';
import { isValidTimezone } from '../../core/timezone.js';
import { everySecondsExpression } from '../../schedule/schedules.js';
import { historyLocation, openHistory } from '../../app/open-history.js';
import { projectRoot, type RootFlags } from '../context.js';
import { ExitCode } from '../exit.js';
import { processSignals, type CliIo } from '../io.js';

export interface WatchFlags extends RootFlags {
  port?: number;
  timezone?: string;
  onceEverySeconds?: number;
  /** Several watchers on one store share the work (default on PostgreSQL). */
  shared?: boolean;
  notify?: boolean;
  logLevel?: string;
  /** How often the outbox is retried, in seconds. */
  outboxEvery?: number;
  /** Window (seconds) over which connectors sharing a tick are spread; 0 turns it off. */
  jitter?: number;
}

export async function watchCommand(flags: WatchFlags, io: CliIo): Promise<number> {
  if (flags.port !== undefined && (!Number.isInteger(flags.port) || flags.port < 0 || flags.port > 65535)) {
    throw inputError(`--port must be a port number (0 for any free port), not ${String(flags.port)}`);
  }
  if (flags.onceEverySeconds !== undefined && (!Number.isInteger(flags.onceEverySeconds) || flags.onceEverySeconds < 1)) {
    throw inputError(`--once-every-seconds must be a whole number of seconds, not ${String(flags.onceEverySeconds)}`);
  }
  if (flags.onceEverySeconds !== undefined && everySecondsExpression(flags.onceEverySeconds) === null) {
    throw inputError(`--once-every-seconds ${flags.onceEverySeconds}: pick a divisor of 60 seconds, or whole minutes or hours that divide an hour or a day`);
  }
  if (flags.timezone !== undefined && !isValidTimezone(flags.timezone)) {
    throw inputError(`--timezone "${flags.timezone}" is not an IANA time zone (e.g. Europe/Paris)`);
  }
  if (flags.outboxEvery !== undefined && (!Number.isFinite(flags.outboxEvery) || flags.outboxEvery < 0)) {
    throw inputError(`--outbox-every must be a number of seconds, not ${String(flags.outboxEvery)}`);
  }
  if (flags.jitter !== undefined && (!Number.isFinite(flags.jitter) || flags.jitter < 0)) {
    throw inputError(`--jitter must be a number of seconds (0 turns it off), not ${String(flags.jitter)}`);
  }
  const root = projectRoot(flags, io);
  const location = historyLocation({ ...(flags.db !== undefined ? { db: flags.db } : {}), root, cwd: io.cwd, env: io.env });
  const store = await openHistory(location, 'create');
  const mode: WatchMode | undefined = flags.shared ? 'shared' : undefined;
  let daemon;
  try {
    daemon = await startWatch({
      root,
      store,
      location,
      env: io.env,
      now: () => io.now(),
      ...(mode ? { mode } : {}),
      ...(flags.port !== undefined ? { port: flags.port } : {}),
      ...(flags.timezone ? { timezone: flags.timezone } : {}),
      ...(flags.onceEverySeconds !== undefined ? { everySeconds: flags.onceEverySeconds } : {}),
      ...(flags.outboxEvery !== undefined ? { outboxIntervalMs: Math.round(flags.outboxEvery * 1000) } : {}),
      ...(flags.jitter !== undefined ? { jitterWindowMs: Math.round(flags.jitter * 1000) } : {}),
      ...(flags.logLevel ? { logLevel: flags.logLevel } : {}),
      notify: flags.notify !== false,
      logDestination: { write: (line: string) => io.stderr(line) },
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const running = daemon;
  const stopListening = (io.onStop ?? processSignals)((signal) => void running.stop(`received ${signal}`));
  try {
    await running.stopped;
  } finally {
    stopListening();
    await store.close();
  }
  return ExitCode.clean;
}
