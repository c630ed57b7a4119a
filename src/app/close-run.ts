// How a run that judged something ends, for a scan and for a batch of webhook deliveries alike: escalations due on the
// run's clock, delivery of what the run enqueued, a bounded batch of retention, then the run marked finished.
import type { Connector } from '../core/model.js';
import type { FlushOptions } from '../notify/flush-outbox.js';
import type { NotifyReport } from '../report/model/notify.js';
import type { ScanSummary } from '../report/model/scan.js';
import type { OutboxDraft } from '../store/ports/outbox.js';
import type { Notifier } from './notify-run.js';
import { applyRetention } from './retention.js';
import type { ScanStore } from './scan.js';

export interface CloseRunInput {
  runId: number;
  summary: ScanSummary;
  connectors: readonly Connector[];
  /** The run's owners and targets, when it tells them; the messages its transactions already enqueued. */
  notifier?: Notifier;
  enqueued: OutboxDraft[];
  flush?: Omit<FlushOptions, 'env' | 'now'>;
  /** Days of raw samples kept; null keeps everything. */
  retention: number | null;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
}

export async function closeRun(store: ScanStore, input: CloseRunInput): Promise<{ finishedAt: string; notify?: NotifyReport }> {
  let notify: NotifyReport | undefined;
  if (input.notifier) {
    // Loaded only by a run that tells owners: Slack's client and the delivery stack stay out of --no-notify runs.
    const { enqueueEscalations, flushAfterRun, notifyReport } = await import('./notify-run.js');
    // Open breaking findings nobody acknowledged in time go to the next in the chain, on the run's clock.
    input.enqueued.push(...(await enqueueEscalations(store, input.notifier, input.connectors, input.runId, input.now())));
    const flushed = await flushAfterRun(store, { env: input.env, now: input.now, ...(input.flush ? { flush: input.flush } : {}) });
    notify = notifyReport(input.enqueued, flushed, input.notifier.notices);
  }
  // Where it costs nothing noticeable: after the run is recorded and its news sent, a bounded batch of old samples.
  await applyRetention(store, input.retention, input.now());
  // Finishing is the run's last write: a run marked finished did everything (a watcher logs it right after).
  const finishedAt = input.now().toISOString();
  await store.finishRun(input.runId, input.summary, finishedAt);
  return { finishedAt, ...(notify ? { notify } : {}) };
}
