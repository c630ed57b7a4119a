// The accept use case: sample now and write the shapes as the accepted snapshots; their open drifts become accepted.
import type { Dispatcher } from 'undici';
import { buildSnapshot } from '../core/snapshot.js';
import type { ConfigProblem, Sample, ScanError } from '../core/model.js';
import { loadConnectors } from '../config/load-connectors.js';
import { sampleConnector } from '../sampler/sample-connector.js';
import type { HistoryStore } from '../store/history-store.js';
import { mapLimit } from './map-limit.js';
import { writeSnapshot } from './snapshot-files.js';
import { acceptSpec } from '../openapi/spec-drift.js';

export interface AcceptOptions {
  root: string;
  store: HistoryStore;
  connector?: string;
  endpoint?: string;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  dispatcher?: Dispatcher;
  log?: (line: string) => void;
  sampler?: { baseDelayMs?: number; maxDelayMs?: number; retryAfterCapMs?: number };
}

export interface AcceptedSnapshot {
  connector: string;
  endpoint: string;
  file: string;
  status: number;
  samples: number;
}

export interface AcceptResult {
  runId: number;
  written: AcceptedSnapshot[];
  /** Open drifts marked accepted because their endpoint's new shape was accepted. */
  acceptedDrifts: number;
  errors: ScanError[];
  problems: ConfigProblem[];
}

export async function accept(options: AcceptOptions): Promise<AcceptResult> {
  const { root, store } = options;
  const log = options.log ?? (() => {});
  const loaded = await loadConnectors(root, options.connector ? { only: options.connector } : undefined);
  const run = await store.startRun('accept', loaded.connectors.map((c) => c.name), options.now().toISOString());
  const written: AcceptedSnapshot[] = [];
  const errors: ScanError[] = [];
  let acceptedDrifts = 0;

  await mapLimit(loaded.connectors, 4, async (connector) => {
    const endpoints = connector.endpoints.filter((e) => !options.endpoint || e.id === options.endpoint);
    if (endpoints.length === 0) {
      errors.push({ connector: connector.name, endpoint: options.endpoint ?? '*', kind: 'config', message: `no endpoint "${options.endpoint}" in ${connector.name}` });
      return;
    }
    const outcomes = await sampleConnector(connector, {
      env: options.env,
      now: options.now,
      endpoints: endpoints.map((e) => e.id),
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      ...options.sampler,
    });
    await store.recordSamples(run.id, outcomes);
    // A spec fetched from a URL is pinned beside the connector, so the next scan diffs the vendor's next version against it.
    if (!options.endpoint) {
      try {
        await acceptSpec(root, connector, options.dispatcher ? { dispatcher: options.dispatcher } : {});
      } catch (error) {
        errors.push({ connector: connector.name, endpoint: '*', kind: 'spec', message: error instanceof Error ? error.message : String(error) });
      }
    }
    for (const endpoint of endpoints) {
      const answers = outcomes.flatMap((o): Sample[] => (o.ok && o.sample.endpoint === endpoint.id ? [o.sample] : []));
      // A baseline must be the answer the connector expects: a 404 from a typo'd path is not a shape to accept.
      const samples = answers.filter((sample) => sample.status === endpoint.expectStatus);
      const unexpected = answers.find((sample) => sample.status !== endpoint.expectStatus);
      if (samples.length === 0 && unexpected) {
        errors.push({
          connector: connector.name,
          endpoint: endpoint.id,
          kind: 'config',
          message: `answered ${unexpected.status}, expected ${endpoint.expectStatus}: not accepted as the baseline (check the path, or set expectStatus)`,
        });
        continue;
      }
      const failure = outcomes.find((o) => !o.ok && o.failure.endpoint === endpoint.id);
      if (samples.length === 0) {
        if (failure && !failure.ok) {
          errors.push({ connector: connector.name, endpoint: endpoint.id, kind: failure.failure.kind, message: failure.failure.message });
        }
        continue;
      }
      const snapshot = buildSnapshot({
        connector: connector.name,
        endpoint: endpoint.id,
        method: endpoint.method,
        path: endpoint.path,
        samples,
        acceptedAt: options.now().toISOString(),
      });
      const file = await writeSnapshot(root, snapshot);
      log(`accepted ${connector.name}/${endpoint.id} (${samples.length} sample${samples.length === 1 ? '' : 's'}, status ${snapshot.response.status})`);
      written.push({ connector: connector.name, endpoint: endpoint.id, file, status: snapshot.response.status, samples: samples.length });
      acceptedDrifts += await store.acceptDrifts(connector.name, endpoint.id, options.now().toISOString());
    }
  });

  await store.finishRun(run.id, { breaking: 0, warning: 0, info: 0, errors: errors.length + loaded.problems.length }, options.now().toISOString());
  written.sort((a, b) => a.connector.localeCompare(b.connector) || a.endpoint.localeCompare(b.endpoint));
  return { runId: run.id, written, acceptedDrifts, errors, problems: loaded.problems };
}
