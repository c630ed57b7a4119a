// Reads a vendor's GraphQL schema by introspection, through the sampler: the connector's auth, timeouts, size and
// depth limits, redirect rules and redaction apply to it as to any sample.
import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import type { Connector, EndpointConfig, FailureKind } from '../core/model.js';
import { openSamplingContext, takeSample, type SamplerOptions } from '../sampler/sample-endpoint.js';
import { canonicalSchema } from './schema-files.js';

export type Introspected = { ok: true; schema: GraphQLSchema; sdl: string } | { ok: false; kind: FailureKind; message: string };

/** Descriptions are left out: prose edits are not drift, and the pinned file stays the shape of the API. */
const INTROSPECTION = getIntrospectionQuery({ descriptions: false });

/** The request as an endpoint the sampler can take: a GraphQL query, so it is safe and may be repeated. */
function introspectionEndpoint(path: string): EndpointConfig {
  return {
    id: `graphql-schema ${path}`,
    method: 'POST',
    path,
    query: {},
    headers: { accept: 'application/graphql-response+json, application/json;q=0.9' },
    expectStatus: 200,
    safe: true,
    body: { query: INTROSPECTION },
    contentType: 'application/json',
    samples: 1,
    pages: 1,
    variants: [],
    graphql: { query: INTROSPECTION, operation: 'query' },
  };
}

export async function introspectSchema(connector: Connector, path: string, options: SamplerOptions): Promise<Introspected> {
  const ctx = openSamplingContext(connector, options);
  const endpoint = introspectionEndpoint(path);
  try {
    const taken = await takeSample(ctx, { endpoint, query: {}, ...(endpoint.body !== undefined ? { body: endpoint.body } : {}) });
    if (!taken.outcome.ok) return { ok: false, kind: taken.outcome.failure.kind, message: taken.outcome.failure.message };
    try {
      return { ok: true, ...canonicalSchema(buildClientSchema(taken.outcome.sample.body as unknown as IntrospectionQuery)) };
    } catch (error) {
      const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return { ok: false, kind: 'invalid-json', message: `POST ${path}: the introspection answer is not a schema: ${why}` };
    }
  } finally {
    await ctx.auth.close();
  }
}
