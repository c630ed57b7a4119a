// `driftwatch receive --port N`: serve POST /hooks/<connector> until SIGTERM/SIGINT, judging deliveries in batches.
import { historyLocation, openHistory } from '../../app/open-history.js';
import { notifyLogLines } from '../../app/notify-run.js';
import { startReceiver } from '../../app/receive.js';
import { projectRoot, type RootFlags } from '../context.js';
import { ExitCode } from '../exit.js';
import { processSignals, type CliIo } from '../io.js';
import { notifyOption } from '../tell-owners.js';

export interface ReceiveFlags extends RootFlags {
  port: number;
  host?: string;
  batchMs?: number;
  batchSize?: number;
  notify?: boolean;
}

export async function receiveCommand(flags: ReceiveFlags, io: CliIo): Promise<number> {
  const root = projectRoot(flags, io);
  const location = historyLocation({ ...(flags.db !== undefined ? { db: flags.db } : {}), root, cwd: io.cwd, env: io.env });
  const store = await openHistory(location, 'create');
  const log = (line: string): void => io.stderr(`${line}\n`);
  let receiver;
  try {
    receiver = await startReceiver({
      root,
      store,
      env: io.env,
      now: () => io.now(),
      port: flags.port,
      ...(flags.host ? { host: flags.host } : {}),
      ...(flags.batchMs !== undefined ? { batchMs: flags.batchMs } : {}),
      ...(flags.batchSize !== undefined ? { batchSize: flags.batchSize } : {}),
      notify: flags.notify === false ? false : notifyOption(io),
      runKind: 'watch',
      onJudged: (result) => {
        const { breaking, warning, info } = result.summary;
        const deliveries = result.connectors.reduce((n, c) => n + c.outcomes.length, 0);
        log(`run ${result.runId}: judged ${deliveries} deliver${deliveries === 1 ? 'y' : 'ies'}: ${breaking} breaking, ${warning} warning, ${info} info`);
        for (const change of result.changes) if (!change.accepted && !change.suppressed && change.severity !== 'info') log(`  ${change.severity} ${change.connector} ${change.endpoint} ${change.path}: ${change.message}`);
        if (result.notify) for (const line of notifyLogLines(result.notify)) log(line);
      },
      onError: (error) => log(`judging a batch failed: ${error instanceof Error ? error.message : String(error)}`),
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  for (const problem of receiver.problems) log(`config: ${problem}`);
  for (const warning of receiver.warnings) log(`warning: ${warning}`);
  log(`driftwatch receive listening on ${receiver.url}/hooks/<connector> (${receiver.connectors.length > 0 ? receiver.connectors.join(', ') : 'no connector has an events: section'})`);
  const running = receiver;
  let stopped!: () => void;
  const stop = new Promise<void>((resolve) => (stopped = resolve));
  const stopListening = (io.onStop ?? processSignals)(() => stopped());
  try {
    await stop;
    await running.close();
    const stats = running.queue.stats();
    const refused = Object.entries(stats.rejected).map(([reason, n]) => `${n} ${reason}`).join(', ');
    log(`driftwatch receive stopped: ${stats.accepted} accepted, ${stats.judged} judged in ${stats.batches} batches${refused ? `; refused: ${refused}` : ''}`);
  } finally {
    stopListening();
    await store.close();
  }
  return ExitCode.clean;
}
