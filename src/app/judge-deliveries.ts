// Batches of webhook deliveries through the scan's pipeline: the event checks, the core's one judgement, the drift
// history with its messages in one transaction, the learned baselines per event type, then delivery of the messages.
// What `ingest` (files) and `receive` (HTTP) share; the result is a ScanResult, so every scan renderer reads it.
import { classify } from '../core/classify.js';
import { mergeShapes, snapshotShape } from '../core/baseline.js';
import type { ConfigProblem, Connector, Sample, SampleOutcome, ScanError } from '../core/model.js';
import { NO_USAGE } from '../core/usage.js';
import { signatureRejectedDeltas } from '../events/event-deltas.js';
import { loadPacts } from '../pact/pact-file.js';
import { consumerUsage, contractUsage } from '../pact/usage.js';
import type { ScanResult } from '../report/model/scan.js';
import type { DriftEvent } from '../store/ports/findings.js';
import type { OutboxDraft } from '../store/ports/outbox.js';
import type { LearnedBaseline, RunKind } from '../store/tables.js';
import type { FlushOptions } from '../notify/flush-outbox.js';
import { runChecks, type CheckInput, type ShapeEvidence } from './checks/check.js';
import { eventChecks } from './checks/event-checks.js';
import { learnedBaselines, markAccepted } from './learning.js';
import { closeRun, type JudgedReport } from './close-run.js';
import { prepareNotifier } from './notify-run.js';
import { retentionDays } from './retention.js';
import type { ScanStore } from './scan.js';

/** One connector's deliveries of a batch: those judged, those refused (reported as errors), and signature counts. */
export interface DeliveryBatch {
  connector: Connector;
  samples: Sample[];
  errors: ScanError[];
  /** Deliveries whose signature failed (never judged) and verified, with the last failure's reason. */
  signatures?: { rejected: number; verified: number; reason: string };
}

export interface JudgeDeliveriesOptions {
  root: string;
  store: ScanStore;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  batches: readonly DeliveryBatch[];
  /** Connector files that did not load: reported like a scan reports them. */
  problems?: readonly ConfigProblem[];
  problemErrors?: readonly ScanError[];
  /** The history has no run kind of its own for deliveries: `ingest` records a scan, `receive` a watch. */
  runKind: RunKind;
  notify?: false | { flush?: Omit<FlushOptions, 'env' | 'now'> };
}

/** The learned row that keeps the shape of the deliveries seen since the type's last accept: what `accept` writes. */
export function seenPlace(place: string): string {
  return `${place}#seen`;
}

/** The learned row that keeps the shape of the type's last batch of deliveries: what `verify` holds message pacts to. */
export function lastPlace(place: string): string {
  return `${place}#last`;
}

export async function judgeDeliveries(options: JudgeDeliveriesOptions): Promise<ScanResult> {
  const { root, store } = options;
  const notifier = options.notify ? await prepareNotifier({ root, env: options.env }) : undefined;
  const enqueued: OutboxDraft[] = [];
  const startedAt = options.now().toISOString();
  const run = await store.startRun(options.runKind, options.batches.map((b) => b.connector.name), startedAt);
  const pacts = (await loadPacts(root)).pacts;
  const reports: JudgedReport[] = [];
  for (const batch of options.batches) {
    const { connector } = batch;
    const outcomes: SampleOutcome[] = batch.samples.map((sample) => ({ ok: true as const, sample }));
    await store.recordSamples(run.id, outcomes);
    const learned = new Map((await store.readBaselines(connector.name)).map((b) => [b.endpoint, b]));
    const input: CheckInput = { root, connector, outcomes, env: options.env, now: options.now(), learned };
    const { observations, errors: checkErrors, observed, shapes } = await runChecks(eventChecks, input);
    const errors: ScanError[] = [...batch.errors, ...checkErrors];
    if (batch.signatures && batch.signatures.rejected + batch.signatures.verified > 0) {
      for (const delta of signatureRejectedDeltas(connector, batch.signatures.rejected, batch.signatures.verified, batch.signatures.reason)) {
        observations.push({ source: 'event', endpoint: 'event:*', delta });
      }
      // Deliveries whose signatures were checked: a signature finding resolves when a batch verifies again.
      observed.push({ connector: connector.name, endpoint: 'event:*', source: 'event' });
    }
    const usage = pacts.length > 0 ? consumerUsage(contractUsage(connector, pacts)) : NO_USAGE;
    const changes = classify(observations, {
      connector: connector.name,
      severity: connector.severity,
      usage,
      ignore: connector.ignore,
      today: options.now().toISOString().slice(0, 10),
    });
    const at = options.now().toISOString();
    const recorded = await store.recordFindings({
      runId: run.id,
      changes,
      scope: { observed },
      at,
      ...(notifier ? { compose: (events: readonly DriftEvent[]) => notifier.compose(connector, run.id, events, at) } : {}),
    });
    enqueued.push(...recorded.enqueued);
    const settled = markAccepted(changes, recorded.events);
    await store.saveBaselines([...learnedBaselines(connector.name, shapes, settled, at), ...seenBaselines(connector.name, shapes, learned, at)]);
    reports.push({ connector, outcomes, changes: settled, errors, events: recorded.events });
  }
  // As a scan ends (a receiver runs for months: escalations and retention too).
  const closed = await closeRun(store, {
    runId: run.id,
    startedAt,
    reports,
    errors: [...(options.problemErrors ?? []), ...reports.flatMap((r) => r.errors)],
    ...(notifier ? { notifier } : {}),
    enqueued,
    ...(options.notify && options.notify.flush ? { flush: options.notify.flush } : {}),
    retention: retentionDays(options.env),
    env: options.env,
    now: options.now,
  });
  return {
    ...closed,
    notices: [],
    problems: [...(options.problems ?? [])],
    nothingReached: false,
  };
}

/**
 * The shape of every delivery of a type since its last accept (the learned baseline freezes the places of open
 * findings; accepting a change needs what the vendor sends now). Kept as a snapshot keeps a shape: bounded, no ids.
 */
function seenBaselines(connector: string, shapes: readonly ShapeEvidence[], learned: ReadonlyMap<string, LearnedBaseline>, at: string): LearnedBaseline[] {
  return shapes
    .filter((s) => s.endpoint.startsWith('event:'))
    .flatMap((shape) => {
      const previous = learned.get(seenPlace(shape.endpoint));
      const current = previous !== undefined && previous.snapshotVersion === shape.snapshotVersion ? previous : undefined;
      return [
        {
          connector,
          endpoint: seenPlace(shape.endpoint),
          snapshotVersion: shape.snapshotVersion,
          schema: snapshotShape(current === undefined ? shape.observed : mergeShapes(current.schema, shape.observed)),
          runs: (current?.runs ?? 0) + 1,
          updatedAt: at,
        },
        { connector, endpoint: lastPlace(shape.endpoint), snapshotVersion: shape.snapshotVersion, schema: snapshotShape(shape.observed), runs: 1, updatedAt: at },
      ];
    });
}
