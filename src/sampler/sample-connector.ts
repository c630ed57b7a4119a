// Samples a connector: every endpoint, variant, sample and page, at most `concurrency` requests in flight, in a stable order.
import type { Connector, EndpointConfig, SampleFailure, SampleOutcome } from '../core/model.js';
import { nextPage } from './paginate.js';
import { unsafeRefusal } from './safety.js';
import { openSamplingContext, takeSample, type RequestSpec, type SamplerOptions, type SamplingContext } from './sample-endpoint.js';

export type { SamplerOptions } from './sample-endpoint.js';

/** The requests an endpoint starts from: its own query and body, then each variant's, each `samples` times. */
function startingRequests(endpoint: EndpointConfig, minSamples: number): RequestSpec[] {
  const sets: RequestSpec[] = [{ endpoint, query: endpoint.query, ...(endpoint.body !== undefined ? { body: endpoint.body } : {}) }];
  for (const variant of endpoint.variants) {
    const body = variant.body ?? endpoint.body;
    sets.push({ endpoint, query: { ...endpoint.query, ...variant.query }, variant: variant.name, ...(body !== undefined ? { body } : {}) });
  }
  const times = Math.max(endpoint.samples, minSamples);
  return sets.flatMap((spec) => Array.from({ length: times }, () => spec));
}

/** One request and the pages after it, in order; pages are sequential by nature (each names the next). */
async function sampleChain(ctx: SamplingContext, first: RequestSpec): Promise<SampleOutcome[]> {
  const { endpoint } = first;
  const paginates = endpoint.pages > 1 && endpoint.paginate !== undefined;
  const outcomes: SampleOutcome[] = [];
  const seen = new Set<string>();
  let spec: RequestSpec = paginates ? { ...first, page: 1 } : first;
  for (let page = 1; ; page++) {
    const taken = await takeSample(ctx, spec);
    outcomes.push(taken.outcome);
    if (!paginates || !taken.raw || page >= endpoint.pages) break;
    const next = nextPage(endpoint.paginate!, spec, taken.raw, ctx.connector.baseUrl);
    if (next.kind === 'end') break;
    if (next.kind === 'refused') {
      outcomes.push({ ok: false, failure: chainFailure(ctx, spec, page + 1, 'redirect', next.message) });
      break;
    }
    // A vendor that hands out the same cursor again would keep us paging forever.
    if (seen.has(next.key)) break;
    seen.add(next.key);
    spec = { ...next.spec, page: page + 1 };
  }
  return outcomes;
}

function chainFailure(ctx: SamplingContext, spec: RequestSpec, page: number, kind: SampleFailure['kind'], message: string): SampleFailure {
  return {
    connector: ctx.connector.name,
    endpoint: spec.endpoint.id,
    kind,
    message: `${spec.endpoint.method} ${spec.endpoint.path} page ${page}: ${message}`,
    latencyMs: 0,
    attempts: 0,
    takenAt: ctx.now().toISOString(),
    page,
    ...(spec.variant !== undefined ? { variant: spec.variant } : {}),
  };
}

/**
 * `endpoints` narrows the run to those ids (connector order kept); an unknown id becomes a `config` failure at the
 * end rather than an exception, so the rest still runs. Endpoints that would send an unsafe method without
 * `safe: true` are refused before the first request of the run. Every request (page, variant, sample) takes one of
 * `concurrency` slots; a Retry-After from the vendor pauses them all.
 */
export async function sampleConnector(connector: Connector, options: SamplerOptions & { endpoints?: readonly string[] }): Promise<SampleOutcome[]> {
  const wanted = options.endpoints ? new Set(options.endpoints) : undefined;
  const selected: EndpointConfig[] = wanted ? connector.endpoints.filter((e) => wanted.has(e.id)) : connector.endpoints;
  const ctx = openSamplingContext(connector, options);
  const takenAt = ctx.now().toISOString();

  // Refusals first: nothing is sent for an endpoint that may change data at the vendor.
  const perEndpoint: SampleOutcome[][] = selected.map((endpoint) => {
    const refused = unsafeRefusal(connector, endpoint, takenAt);
    if (!refused) return [];
    options.onProgress?.({ connector: connector.name, endpoint: endpoint.id, outcome: 'config', attempt: 0 });
    return [{ ok: false, failure: refused }];
  });
  const jobs = selected.flatMap((endpoint, index) =>
    perEndpoint[index]!.length > 0 ? [] : startingRequests(endpoint, options.minSamples ?? 1).map((spec) => ({ index, spec })),
  );
  const results: SampleOutcome[][] = new Array<SampleOutcome[]>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = next++;
      results[job] = await sampleChain(ctx, jobs[job]!.spec);
    }
  };
  try {
    const workers = Math.max(1, Math.min(connector.concurrency, jobs.length));
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    await ctx.auth.close();
  }
  jobs.forEach((job, i) => perEndpoint[job.index]!.push(...results[i]!));
  const outcomes = perEndpoint.flat();

  if (wanted) {
    const known = new Set(connector.endpoints.map((e) => e.id));
    for (const id of wanted) {
      if (known.has(id)) continue;
      outcomes.push({
        ok: false,
        failure: {
          connector: connector.name,
          endpoint: id,
          kind: 'config',
          message: `no endpoint "${id}" in connector ${connector.name} (known: ${[...known].join(', ')})`,
          latencyMs: 0,
          attempts: 0,
          takenAt,
        },
      });
    }
  }
  return outcomes;
}
