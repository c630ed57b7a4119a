// `accept` for GraphQL: introspects each GraphQL path of a connector now and pins it beside the connector file.
import type { Connector, ScanError } from '../core/model.js';
import type { SamplerOptions } from '../sampler/sample-endpoint.js';
import { introspectSchema } from './introspect.js';
import { writePinnedSchema } from './schema-files.js';

/** The distinct paths of a connector's GraphQL endpoints, in connector order. */
export function graphqlPaths(connector: Connector): string[] {
  return [...new Set(connector.endpoints.filter((e) => e.graphql !== undefined).map((e) => e.path))];
}

/** Pins every GraphQL schema the connector talks to; what could not be read is an error of the run, the rest is pinned. */
export async function acceptGraphqlSchemas(connector: Connector, options: SamplerOptions): Promise<{ pinned: string[]; errors: ScanError[] }> {
  const pinned: string[] = [];
  const errors: ScanError[] = [];
  for (const path of graphqlPaths(connector)) {
    const live = await introspectSchema(connector, path, options);
    if (!live.ok) {
      errors.push({ connector: connector.name, endpoint: '*', kind: live.kind, message: `the GraphQL schema at ${path} was not pinned: ${live.message}` });
      continue;
    }
    pinned.push(await writePinnedSchema(connector, path, live.sdl));
  }
  return { pinned, errors };
}
