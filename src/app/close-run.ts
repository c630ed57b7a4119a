// How a run that judged something ends, for a scan and for a batch of webhook deliveries alike: the findings counted,
// escalations due on the run's clock, delivery of what the run enqueued, a bounded batch of retention, then the run
// marked finished; what every such run reports.
import { summarize } from '../core/classify.js';
import type { ScanError } from '../core/model.js';
import type { FlushOptions } from '../notify/flush-outbox.js';
import type { ConnectorReport, ScanResult } from '../report/model/scan.js';
import type { DriftEvent } from '../store/ports/findings.js';
import type { OutboxDraft } from '../store/ports/outbox.js';
import type { Notifier } from './notify-run.js';
import { applyRetention } from './retention.js';
import type { ScanStore } from './scan.js';

/** One connector's part of a run: what it sampled and judged, and the drift events its findings recorded. */
export type JudgedReport = ConnectorReport & { events: DriftEvent[] };

export interface CloseRunInput {
  runId: number;
  startedAt: string;
  reports: readonly JudgedReport[];
  /** The errors the run counts (connector files that did not load, endpoints that failed...). */
  errors: ScanError[];
  /** The run's owners and targets, when it tells them; the messages its transactions already enqueued. */
  notifier?: Notifier;
  enqueued: OutboxDraft[];
  flush?: Omit<FlushOptions, 'env' | 'now'>;
  /** Days of raw samples kept; null keeps everything. */
  retention: number | null;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
}

/** The part of the result every run has; the caller adds its notices, problems and whether anything was reached. */
export type ClosedRun = Omit<ScanResult, 'notices' | 'problems' | 'nothingReached'>;

export async function closeRun(store: ScanStore, input: CloseRunInput): Promise<ClosedRun> {
  const { reports, errors } = input;
  const changes = reports.flatMap((r) => r.changes);
  const summary = { ...summarize(changes), errors: errors.length };
  let notify: ScanResult['notify'];
  if (input.notifier) {
    // Loaded only by a run that tells owners: Slack's client and the delivery stack stay out of --no-notify runs.
    const { enqueueEscalations, flushAfterRun, notifyReport } = await import('./notify-run.js');
    // Open breaking findings nobody acknowledged in time go to the next in the chain, on the run's clock.
    const connectors = reports.map((r) => r.connector);
    input.enqueued.push(...(await enqueueEscalations(store, input.notifier, connectors, input.runId, input.now())));
    const flushed = await flushAfterRun(store, { env: input.env, now: input.now, ...(input.flush ? { flush: input.flush } : {}) });
    notify = notifyReport(input.enqueued, flushed, input.notifier.notices);
  }
  // Where it costs nothing noticeable: after the run is recorded and its news sent, a bounded batch of old samples.
  await applyRetention(store, input.retention, input.now());
  // Finishing is the run's last write: a run marked finished did everything (a watcher logs it right after).
  const finishedAt = input.now().toISOString();
  await store.finishRun(input.runId, summary, finishedAt);
  return {
    runId: input.runId,
    startedAt: input.startedAt,
    finishedAt,
    summary,
    changes,
    errors,
    connectors: reports.map(({ connector, outcomes, changes: c, errors: e }) => ({ connector, outcomes, changes: c, errors: e })),
    events: reports.flatMap((r) => r.events),
    ...(notify ? { notify } : {}),
  };
}
