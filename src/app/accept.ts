// The accept use case: sample several times, judge what the vendor sends now, write it into the accepted snapshots
// (merged with the evidence gathered so far), and settle every finding it explains. What still breaks the vendor's
// own spec or a consumer contract is named, with the way out.
import type { Dispatcher } from 'undici';
import { counts } from '../core/classify.js';
import { mergeShapes } from '../core/baseline.js';
import { buildSnapshot } from '../core/snapshot.js';
import type { Connector, EndpointConfig, Finding, JsonValue, Sample, SampleOutcome, ScanError, ShapeSchema } from '../core/model.js';
import type { AcceptedSnapshot, AcceptResult } from '../report/model/accept.js';
import { NO_USAGE } from '../core/usage.js';
import { loadConnectors } from '../config/load-connectors.js';
import { acceptSpec } from '../openapi/spec-drift.js';
import { acceptGraphqlSchemas } from '../graphql/accept-schema.js';
import { loadPacts } from '../pact/pact-file.js';
import { consumerUsage, contractUsage } from '../pact/usage.js';
import { sampleConnector } from '../sampler/sample-connector.js';
import type { RetryEvent } from '../sampler/sample-endpoint.js';
import type { BaselineStore } from '../store/ports/baselines.js';
import type { FindingStore } from '../store/ports/findings.js';
import type { RunStore } from '../store/ports/runs.js';
import type { SampleStore } from '../store/ports/samples.js';
import type { LearnedBaseline } from '../store/tables.js';
import { acceptEvents } from './accept-events.js';
import { judgeConnector } from './judge-connector.js';
import { mapLimit } from './map-limit.js';
import { retryLine } from './progress.js';
import { readSnapshot, writeSnapshot, type SnapshotRead } from './snapshot-files.js';

/** Samples per endpoint when `--samples` is not given: enough that optional fields and value sets show themselves. */
const DEFAULT_ACCEPT_SAMPLES = 5;

export interface AcceptOptions {
  root: string;
  store: RunStore & SampleStore & FindingStore & BaselineStore;
  connector?: string;
  endpoint?: string;
  /** Only the connectors' webhook event types: no endpoint is sampled. */
  events?: boolean;
  /** Rounds of sampling (each samples every endpoint once, or as often as the connector asks). Default 5. */
  samples?: number;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  dispatcher?: Dispatcher;
  log?: (line: string) => void;
  sampler?: { baseDelayMs?: number; maxDelayMs?: number; retryAfterCapMs?: number };
}

export type { AcceptedSnapshot, AcceptResult };

export async function accept(options: AcceptOptions): Promise<AcceptResult> {
  const { root, store } = options;
  const log = options.log ?? (() => {});
  const loaded = await loadConnectors(root, options.connector ? { only: options.connector } : undefined);
  const run = await store.startRun('accept', loaded.connectors.map((c) => c.name), options.now().toISOString());
  const pacts = (await loadPacts(root)).pacts;
  const written: AcceptedSnapshot[] = [];
  const errors: ScanError[] = [];
  const stillBreaking: Finding[] = [];
  let acceptedDrifts = 0;

  await mapLimit(loaded.connectors, 4, async (connector) => {
    // Webhook event types: what was delivered since their last accept (no sampling); `--endpoint event:<type>` or `--events` stop here.
    const eventsOnly = options.events === true || options.endpoint?.startsWith('event:') === true;
    if (connector.events !== undefined && (eventsOnly || options.endpoint === undefined)) {
      const events = await acceptEvents({ root, store, connector, at: options.now().toISOString(), ...(options.endpoint?.startsWith('event:') ? { place: options.endpoint } : {}) });
      written.push(...events.written);
      errors.push(...events.errors);
      acceptedDrifts += events.acceptedDrifts;
    }
    if (eventsOnly) return;
    const endpoints = connector.endpoints.filter((e) => !options.endpoint || e.id === options.endpoint);
    if (endpoints.length === 0) {
      errors.push({ connector: connector.name, endpoint: options.endpoint ?? '*', kind: 'config', message: `no endpoint "${options.endpoint}" in ${connector.name}` });
      return;
    }
    // What was accepted is the command's output; the wait before it is the progress line.
    log(`sampling ${connector.name} (${endpoints.length} endpoint${endpoints.length === 1 ? '' : 's'}, ${options.samples ?? DEFAULT_ACCEPT_SAMPLES} round${(options.samples ?? DEFAULT_ACCEPT_SAMPLES) === 1 ? '' : 's'})`);
    const outcomes = await sampleRounds(connector, endpoints, options);
    await store.recordSamples(run.id, outcomes);
    const reads = new Map(endpoints.map((e) => [e.id, readSnapshot(root, connector.name, e.id)] as const));
    const learned = new Map((await store.readBaselines(connector.name)).map((b) => [b.endpoint, b]));
    const usable = keepExpected(connector, endpoints, outcomes, errors);
    // What the vendor sends now, judged against what was accepted before: the changes this accept settles.
    const judged = await judgeConnector(connector, usable, {
      root,
      env: options.env,
      now: options.now(),
      usage: pacts.length > 0 ? consumerUsage(contractUsage(connector, pacts)) : NO_USAGE,
      snapshots: reads,
      learned,
    });
    // Judged first (against the old pin), then the spec fetched from a URL is pinned beside the connector, so the next
    // scan diffs the vendor's next version against it.
    if (!options.endpoint) {
      try {
        await acceptSpec(root, connector, options.dispatcher ? { dispatcher: options.dispatcher } : {});
      } catch (error) {
        errors.push({ connector: connector.name, endpoint: '*', kind: 'spec', message: error instanceof Error ? error.message : String(error) });
      }
      errors.push(...(await acceptGraphqlSchemas(connector, { env: options.env, now: options.now, ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}) })).errors);
    }
    const at = options.now().toISOString();
    for (const endpoint of endpoints) {
      const samples = usable.flatMap((o): Sample[] => (o.ok && o.sample.endpoint === endpoint.id ? [o.sample] : []));
      if (samples.length === 0) continue;
      const changes = judged.changes.filter((f) => f.endpoint === endpoint.id && f.severity !== 'info' && f.path.startsWith('$'));
      const snapshot = buildSnapshot({
        connector: connector.name,
        endpoint: endpoint.id,
        method: endpoint.method,
        path: endpoint.path,
        samples,
        acceptedAt: at,
        ...(await previousEvidence(reads.get(endpoint.id), learned.get(endpoint.id))),
        ...(await previousExample(reads.get(endpoint.id))),
        reset: new Set(changes.map((f) => f.path)),
      });
      const file = await writeSnapshot(root, snapshot);
      written.push({ connector: connector.name, endpoint: endpoint.id, file, status: snapshot.response.status, samples: samples.length });
    }
    // The findings enter the history (so every source's evidence is on record), then are settled.
    const judgedHere = judged.changes.filter((f) => f.endpoint === '*' || endpoints.some((e) => e.id === f.endpoint));
    await store.recordChanges(run.id, judgedHere, { observed: judged.observed }, at);
    for (const endpoint of endpoints) {
      if (written.some((w) => w.connector === connector.name && w.endpoint === endpoint.id)) {
        acceptedDrifts += await store.acceptDrifts(connector.name, endpoint.id, at);
      }
    }
    stillBreaking.push(...judgedHere.filter((f) => counts(f) && f.severity === 'breaking' && f.evidence.some((e) => e.source === 'spec' || e.source === 'pact')));
  });

  await store.finishRun(run.id, { breaking: 0, warning: 0, info: 0, errors: errors.length + loaded.problems.length }, options.now().toISOString());
  written.sort((a, b) => a.connector.localeCompare(b.connector) || a.endpoint.localeCompare(b.endpoint));
  return { runId: run.id, written, acceptedDrifts, stillBreaking, errors, problems: loaded.problems };
}

/** `rounds` passes over the chosen endpoints, one after the other, so every request honours the connector's limits. */
async function sampleRounds(connector: Connector, endpoints: readonly EndpointConfig[], options: AcceptOptions): Promise<SampleOutcome[]> {
  const rounds = Math.max(1, options.samples ?? DEFAULT_ACCEPT_SAMPLES);
  const outcomes: SampleOutcome[] = [];
  for (let i = 0; i < rounds; i++) {
    const round = await sampleConnector(connector, {
      env: options.env,
      now: options.now,
      endpoints: endpoints.map((e) => e.id),
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      ...(options.log ? { onRetry: (event: RetryEvent) => options.log?.(retryLine(event)) } : {}),
      ...options.sampler,
    });
    outcomes.push(...round);
    // A vendor that cannot be reached (or a credential that is missing) will not answer the next rounds either.
    if (round.every((o) => !o.ok)) break;
  }
  return outcomes;
}

/**
 * A baseline must be the answer the connector expects: a 404 from a typo'd path is not a shape to accept. Answers of
 * another status are left out (with an error when nothing else came back); failures are reported once per endpoint.
 */
function keepExpected(connector: Connector, endpoints: readonly EndpointConfig[], outcomes: readonly SampleOutcome[], errors: ScanError[]): SampleOutcome[] {
  const kept: SampleOutcome[] = [];
  for (const endpoint of endpoints) {
    const mine = outcomes.filter((o) => (o.ok ? o.sample.endpoint : o.failure.endpoint) === endpoint.id);
    const answers = mine.flatMap((o): Sample[] => (o.ok ? [o.sample] : []));
    const expected = answers.filter((s) => s.status === endpoint.expectStatus);
    kept.push(...expected.map((sample) => ({ ok: true as const, sample })));
    if (expected.length > 0) continue;
    const unexpected = answers[0];
    if (unexpected) {
      errors.push({
        connector: connector.name,
        endpoint: endpoint.id,
        kind: 'config',
        message: `answered ${unexpected.status}, expected ${endpoint.expectStatus}: not accepted as the baseline (check the path, or set expectStatus)`,
      });
      continue;
    }
    const failure = mine.find((o) => !o.ok);
    if (failure && !failure.ok) errors.push({ connector: connector.name, endpoint: endpoint.id, kind: failure.failure.kind, message: failure.failure.message });
  }
  return kept;
}

/** The evidence so far: the last accepted snapshot with what quiet runs learned since (nothing for a first accept). */
async function previousEvidence(read: Promise<SnapshotRead> | undefined, learned: LearnedBaseline | undefined): Promise<{ previous?: ShapeSchema }> {
  const snapshot = read ? await read : undefined;
  if (snapshot?.kind !== 'found') return {};
  const current = learned !== undefined && learned.snapshotVersion === snapshot.version ? learned : undefined;
  return { previous: current === undefined ? snapshot.snapshot.schema : mergeShapes(snapshot.snapshot.schema, current.schema) };
}

/** The example of the last accepted snapshot, when there is one. */
async function previousExample(read: Promise<SnapshotRead> | undefined): Promise<{ previousExample?: JsonValue }> {
  const snapshot = read ? await read : undefined;
  return snapshot?.kind === 'found' && snapshot.snapshot.example !== undefined ? { previousExample: snapshot.snapshot.example } : {};
}
