// House rules of `kind: graphql` endpoints: one parsable operation, no subscription, and none of the REST-only keys.
import { isRecord } from '../core/is-record.js';
import { bodyProblems, type HouseProblem } from '../config/request-rules.js';
import type { PathSegment } from '../config/validate-connector.js';
import { readOperation } from './operation.js';

/** REST keys that mean nothing for a GraphQL endpoint, and what to do instead. */
const NOT_FOR_GRAPHQL: Readonly<Record<string, string>> = {
  body: 'the body is built from query and variables',
  contentType: 'GraphQL requests are sent as application/json',
  pages: 'GraphQL pagination lives in the query: select a page size there',
  paginate: 'GraphQL pagination lives in the query: select a page size there',
  variants: 'write one endpoint per set of variables',
};

/** Defensive about shapes: also runs on input the schema refused. */
export function graphqlEndpointProblems(endpoint: unknown, i: number): HouseProblem[] {
  if (!isRecord(endpoint)) return [];
  const at = (...rest: PathSegment[]): PathSegment[] => ['endpoints', i, ...rest];
  if (endpoint.kind !== 'graphql') {
    const problems: HouseProblem[] = [];
    if (typeof endpoint.query === 'string') {
      problems.push({ segments: at('query'), target: 'value', message: 'is a string: a GraphQL document needs kind: graphql (URL query parameters are a mapping)' });
    }
    if (endpoint.variables !== undefined) problems.push({ segments: at('variables'), target: 'key', message: 'applies to kind: graphql only' });
    return problems;
  }

  const problems: HouseProblem[] = [];
  for (const [key, instead] of Object.entries(NOT_FOR_GRAPHQL)) {
    if (endpoint[key] !== undefined) problems.push({ segments: at(key), target: 'key', message: `does not apply to kind: graphql (${instead})` });
  }
  if (endpoint.method !== undefined && endpoint.method !== 'POST') {
    problems.push({ segments: at('method'), target: 'value', message: 'must be POST for kind: graphql (or left out): GraphQL operations are sent with POST' });
  }
  problems.push(...bodyProblems(endpoint.variables, 'POST', at('variables')));
  if (endpoint.query === undefined) {
    problems.push({ segments: at('query'), target: 'value', message: 'is required for kind: graphql: the GraphQL document to send' });
    return problems;
  }
  if (typeof endpoint.query !== 'string') {
    problems.push({ segments: at('query'), target: 'value', message: 'must be the GraphQL document (a string) for kind: graphql' });
    return problems;
  }
  const read = readOperation(endpoint.query);
  if (!read.ok) {
    const where = read.line !== undefined ? ` (line ${read.line}, column ${read.column} of the query)` : '';
    problems.push({ segments: at('query'), target: 'value', message: `${read.message}${where}` });
  } else if (read.operation === 'subscription') {
    problems.push({ segments: at('query'), target: 'value', message: 'is a subscription: it cannot be sampled with one request; sample a query instead' });
  }
  return problems;
}
