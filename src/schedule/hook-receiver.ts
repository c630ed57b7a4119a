// The watch daemon's webhook receiver: POST /hooks/<connector> on its health port, judged in batches like `receive`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { createDeliveryQueue, type DeliveryQueueOptions } from '../app/receive.js';
import { loadConnectors } from '../config/load-connectors.js';
import type { Connector } from '../core/model.js';
import { handleHook } from '../events/hook-handler.js';

export interface HookReceiver {
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Re-reads the connectors (the contracts watcher calls it with the scheduler's reload). */
  reload(): Promise<void>;
  stats: ReturnType<typeof createDeliveryQueue>['stats'];
  /** Judges what is pending. */
  close(): Promise<void>;
}

export async function createHookReceiver(options: Omit<DeliveryQueueOptions, 'onJudged' | 'onError'> & { logger: Logger }): Promise<HookReceiver> {
  let connectors = new Map<string, Connector>();
  const reload = async (): Promise<void> => {
    connectors = new Map((await loadConnectors(options.root)).connectors.map((c) => [c.name, c]));
  };
  await reload();
  const queue = createDeliveryQueue({
    ...options,
    runKind: 'watch',
    onJudged: (result) => {
      const deliveries = result.connectors.reduce((n, c) => n + c.outcomes.length, 0);
      options.logger.info({ runId: result.runId, deliveries, ...result.summary, connectors: result.connectors.map((c) => c.connector.name) }, 'deliveries judged');
    },
    onError: (error) => options.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'judging deliveries failed'),
  });
  const sink = queue.sink((name) => connectors.get(name));
  return { handle: (req, res) => handleHook(req, res, sink), reload, stats: queue.stats, close: () => queue.close() };
}
