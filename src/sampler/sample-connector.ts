// Samples a connector's endpoints with at most `concurrency` requests in flight; results come back in endpoint order.
import type { Connector, EndpointConfig, SampleOutcome } from '../core/model.js';
import { sampleEndpoint, type SamplerOptions } from './sample-endpoint.js';

export type { SamplerOptions } from './sample-endpoint.js';

/**
 * `endpoints` narrows the run to those ids (connector order kept); an unknown id becomes a `config`
 * failure at the end rather than an exception, so the rest still runs.
 */
export async function sampleConnector(
  connector: Connector,
  options: SamplerOptions & { endpoints?: readonly string[] },
): Promise<SampleOutcome[]> {
  const wanted = options.endpoints ? new Set(options.endpoints) : undefined;
  const selected: EndpointConfig[] = wanted ? connector.endpoints.filter((e) => wanted.has(e.id)) : connector.endpoints;
  const results: SampleOutcome[] = new Array<SampleOutcome>(selected.length);

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < selected.length) {
      const index = next++;
      results[index] = await sampleEndpoint(connector, selected[index]!, options);
    }
  };
  const workers = Math.max(1, Math.min(connector.concurrency, selected.length));
  await Promise.all(Array.from({ length: workers }, worker));

  if (wanted) {
    const known = new Set(connector.endpoints.map((e) => e.id));
    const takenAt = (options.now ?? (() => new Date()))().toISOString();
    for (const id of wanted) {
      if (known.has(id)) continue;
      results.push({
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
  return results;
}
