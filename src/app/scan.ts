// The scan use case: load connectors, sample them, run every check, record drift and its notifications together, deliver.
import type { Dispatcher } from 'undici';
import type { ConfigProblem, Connector, FailureKind, SampleOutcome, ScanError } from '../core/model.js';
import type { ConnectorReport, ScanResult, ScanSummary } from '../report/model/scan.js';
import { NO_USAGE, type ConsumerUsage } from '../core/usage.js';
import { connectorNameFromFile, loadConnectors } from '../config/load-connectors.js';
import { formatProblem } from '../core/format-problem.js';
import { loadPacts } from '../pact/pact-file.js';
import { consumerUsage, contractUsage } from '../pact/usage.js';
import { redactText } from '../core/redact.js';
import { authValuesIn } from '../core/auth-env-names.js';
import { sampleConnector } from '../sampler/sample-connector.js';
import type { RetryEvent } from '../sampler/sample-endpoint.js';
import type { BaselineStore } from '../store/ports/baselines.js';
import type { DriftEvent, FindingStore, RunScope } from '../store/ports/findings.js';
import type { MaintenanceStore } from '../store/ports/maintenance.js';
import type { OutboxDraft, OutboxStore } from '../store/ports/outbox.js';
import type { RunStore } from '../store/ports/runs.js';
import type { SampleStore } from '../store/ports/samples.js';
import type { RunKind } from '../store/tables.js';
import type { FlushOptions } from '../notify/flush-outbox.js';
import type { ShapeEvidence } from './checks/check.js';
import { judgeConnector } from './judge-connector.js';
import { judgeOutages, outageRuns } from './outages.js';
import { learnedBaselines, markAccepted } from './learning.js';
import { mapLimit } from './map-limit.js';
import { retryLine } from './progress.js';
import { closeRun } from './close-run.js';
import { retentionDays } from './retention.js';
import { readSnapshot } from './snapshot-files.js';

/** The ports a scan uses. */
export type ScanStore = RunStore & SampleStore & FindingStore & BaselineStore & OutboxStore & MaintenanceStore;

export interface ScanOptions {
  root: string;
  store: ScanStore;
  connector?: string;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  dispatcher?: Dispatcher;
  /** Progress lines for humans (stderr); never mixed into machine output. */
  log?: (line: string) => void;
  /** Sampler knobs for tests (tiny backoffs). */
  sampler?: { baseDelayMs?: number; maxDelayMs?: number; retryAfterCapMs?: number };
  /** How the run is recorded in the history (the watch daemon records `watch`). Default `scan`. */
  runKind?: RunKind;
  /**
   * Asked before a connector is sampled (the watch daemon's circuit breaker): a skipped connector makes no
   * request and records one `circuit-open` failure per endpoint with the reason, so the skip is reported, not silent.
   */
  gate?: (connector: Connector) => { skip: false } | { skip: true; reason: string };
  /**
   * Tell the owners: each connector's messages are written in the transaction that records its drifts (a crash loses
   * no alert and doubles none), and the outbox is flushed after the run. Default: no messages.
   */
  notify?: false | { flush?: Omit<FlushOptions, 'env' | 'now'> };
  /** Days of raw samples kept (older ones fold into daily rows at the end of the run); null keeps all. Default: DRIFTWATCH_RETENTION, else 90. */
  retentionDays?: number | null;
  /** Runs in a row without a successful sample that make an endpoint's outage (default DRIFTWATCH_OUTAGE_RUNS, else 2). */
  outageRuns?: number;
  /** Called with each connector's outcomes once they are recorded. */
  onConnectorDone?: (connector: Connector, outcomes: readonly SampleOutcome[]) => void;
}

export type { ConnectorReport, ScanResult, ScanSummary };

/** Failure kinds that say the vendor could not be used at all: unreachable, or answering only errors. */
const UNREACHED: ReadonlySet<FailureKind> = new Set(['timeout', 'connection', 'tls', 'circuit-open', 'http-status', 'vendor-error']);

/** Connectors sampled at once: each is a different vendor and caps its own requests in flight, so many can overlap. */
const CONNECTOR_CONCURRENCY = 32;

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const { root, store } = options;
  const log = options.log ?? (() => {});
  const loaded = await loadConnectors(root, options.connector ? { only: options.connector } : undefined);
  const retention = options.retentionDays !== undefined ? options.retentionDays : retentionDays(options.env);
  // Owners and targets are resolved before the run, so composing a message inside a transaction is pure.
  // Loaded only when telling owners (delivery brings the Slack client): `--no-notify` and quiet daemons skip it.
  const notifyRun = options.notify ? await import('./notify-run.js') : undefined;
  const notifier = notifyRun ? await notifyRun.prepareNotifier({ root, env: options.env }) : undefined;
  const enqueued: OutboxDraft[] = [];

  const startedAt = options.now().toISOString();
  const run = await store.startRun(options.runKind ?? 'scan', loaded.connectors.map((c) => c.name), startedAt);
  // Read once per run: every connector's usage comes from the same pact files.
  const pacts = (await loadPacts(root)).pacts;

  const scanOne = async (connector: Connector): Promise<ConnectorReport & { events: DriftEvent[] }> => {
    log(`sampling ${connector.name} (${connector.endpoints.length} endpoint${connector.endpoints.length === 1 ? '' : 's'})`);
    const usage = pacts.length > 0 ? consumerUsage(contractUsage(connector, pacts)) : NO_USAGE;
    const report = await scanConnector(connector, options, usage, (outcomes) => store.recordSamples(run.id, outcomes));
    const at = options.now().toISOString();
    const recorded = await store.recordFindings({
      runId: run.id,
      changes: report.changes,
      scope: { observed: report.observed },
      at,
      ...(notifier ? { compose: (events: readonly DriftEvent[]) => notifier.compose(connector, run.id, events, at) } : {}),
    });
    enqueued.push(...recorded.enqueued);
    const events = recorded.events;
    const changes = markAccepted(report.changes, events);
    await store.saveBaselines(learnedBaselines(connector.name, report.shapes, changes, at));
    options.onConnectorDone?.(connector, report.outcomes);
    return { connector, outcomes: report.outcomes, errors: report.errors, changes, events };
  };
  // One connector's failure (a defect, a store error) is that connector's error; the run goes on and is finished.
  const reports = await mapLimit(loaded.connectors, CONNECTOR_CONCURRENCY, (connector) =>
    scanOne(connector).catch((error: unknown) => {
      const failure = internalFailure(connector, error, options.env);
      log(`${connector.name}: ${failure.message}`);
      return { connector, outcomes: [], changes: [], errors: [failure], events: [] };
    }),
  );

  const allErrors = reports.flatMap((r) => r.errors);
  const errors = [
    ...loaded.problems.map(problemToError(root)),
    ...allErrors.filter((e) => e.kind !== 'no-snapshot'),
  ];
  const outcomes = reports.flatMap((r) => r.outcomes);
  const closed = await closeRun(store, {
    runId: run.id,
    startedAt,
    reports,
    errors,
    ...(notifier ? { notifier } : {}),
    enqueued,
    ...(options.notify && options.notify.flush ? { flush: options.notify.flush } : {}),
    retention,
    env: options.env,
    now: options.now,
  });

  return {
    ...closed,
    notices: allErrors.filter((e) => e.kind === 'no-snapshot'),
    problems: loaded.problems,
    // Not one answer, and at least one vendor was actually tried (a run of unset credentials is a config problem).
    nothingReached: !outcomes.some((o) => o.ok) && outcomes.some((o) => !o.ok && UNREACHED.has(o.failure.kind)),
  };
}

async function scanConnector(
  connector: Connector,
  options: ScanOptions,
  usage: ConsumerUsage,
  recordSamples: (outcomes: SampleOutcome[]) => Promise<void>,
): Promise<ConnectorReport & { observed: RunScope['observed']; shapes: ShapeEvidence[] }> {
  const gate = options.gate?.(connector) ?? { skip: false };
  // Snapshot files and learned evidence are read while the requests are in flight: the disk and the network overlap.
  const snapshots = new Map(connector.endpoints.map((e) => [e.id, readSnapshot(options.root, connector.name, e.id)] as const));
  for (const pending of snapshots.values()) pending.catch(() => {}); // awaited by the snapshot check; never unhandled
  const learned = options.store.readBaselines(connector.name);
  learned.catch(() => {});
  const outcomes = gate.skip
    ? circuitOpenOutcomes(connector, gate.reason, options.now().toISOString())
    : await sampleConnector(connector, {
        env: options.env,
        now: options.now,
        ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
        ...(options.log ? { onRetry: (event: RetryEvent) => options.log?.(retryLine(event)) } : {}),
        ...options.sampler,
      });
  // Recorded before judging: what the vendor answered is kept even if judging it fails.
  await recordSamples(outcomes);
  // Loading a vendor spec can take seconds (GitHub's is 13 MB): say so before the silence.
  if (connector.spec) options.log?.(`${connector.name}: checking against ${connector.spec}`);
  const judged = await judgeConnector(connector, outcomes, {
    root: options.root,
    env: options.env,
    now: options.now(),
    usage,
    snapshots,
    learned: new Map((await learned).map((b) => [b.endpoint, b])),
  });
  // Outages are their own findings (a vendor that does not answer changes no shape): judged from the samples just kept.
  const outages = await judgeOutages(connector, outcomes, options.store, options.now(), options.outageRuns ?? outageRuns(options.env));
  return { connector, outcomes, ...judged, changes: [...judged.changes, ...outages.changes], observed: [...judged.observed, ...outages.observed] };
}

/** A connector skipped by the gate: one `circuit-open` failure per endpoint, no request made. */
function circuitOpenOutcomes(connector: Connector, reason: string, takenAt: string): SampleOutcome[] {
  return connector.endpoints.map((endpoint) => ({
    ok: false as const,
    failure: { connector: connector.name, endpoint: endpoint.id, kind: 'circuit-open' as const, message: reason, latencyMs: 0, attempts: 0, takenAt },
  }));
}

/** A connector driftwatch itself failed on: its error, worded for the owner, with its credentials kept out. */
function internalFailure(connector: Connector, error: unknown, env: Readonly<Record<string, string | undefined>>): ScanError {
  const reason = redactText(error instanceof Error ? error.message : String(error), authValuesIn(connector.auth, env));
  return { connector: connector.name, endpoint: '*', kind: 'internal', message: `driftwatch failed on this connector and checked nothing of it: ${reason}` };
}

function problemToError(root: string): (problem: ConfigProblem) => ScanError {
  return (problem) => ({
    connector: connectorNameFromFile(problem.file),
    endpoint: '*',
    kind: 'config',
    message: formatProblem(problem, root),
  });
}
