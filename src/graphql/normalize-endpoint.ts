// A `kind: graphql` endpoint as written -> the EndpointConfig the sampler sends: POST, a JSON body, the operation kept.
import type { EndpointInput } from '../config/define-connector.js';
import { stringRecord } from '../config/normalize-request.js';
import type { EndpointConfig, GraphqlRequest, JsonObject } from '../core/model.js';
import { readOperation } from './operation.js';

/** GraphQL over HTTP: the newer media type first (errors may come with a 4xx), plain JSON for older servers. */
const ACCEPT = 'application/graphql-response+json, application/json;q=0.9';

/** Only called on validated input: `query` parses to one query or mutation (the house rules said so otherwise). */
export function normalizeGraphqlEndpoint(e: EndpointInput): EndpointConfig {
  const query = e.query as string;
  const read = readOperation(query);
  if (!read.ok || read.operation === 'subscription') throw new Error(`bug: endpoint ${e.id} reached normalisation with an invalid GraphQL query`);
  const graphql: GraphqlRequest = {
    query,
    operation: read.operation,
    ...(read.name !== undefined ? { operationName: read.name } : {}),
    ...(e.variables !== undefined ? { variables: e.variables } : {}),
  };
  const body: JsonObject = { query, ...(graphql.variables ? { variables: graphql.variables } : {}), ...(graphql.operationName ? { operationName: graphql.operationName } : {}) };
  const headers = stringRecord(e.headers);
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'accept')) headers.accept = ACCEPT;
  return {
    id: e.id,
    method: 'POST',
    path: e.path,
    query: {},
    headers,
    expectStatus: e.expectStatus ?? 200,
    // A query reads and changes nothing (GraphQL spec §6): it needs no `safe: true`. A mutation does.
    safe: read.operation === 'query' || e.safe === true,
    body,
    contentType: 'application/json',
    samples: e.samples ?? 1,
    pages: 1,
    variants: [],
    graphql,
  };
}
