// Spec-diff observations placed on a connector's endpoints: a change in an operation (or in a component it reaches)
// is a change at every endpoint that calls it, and a change to its success JSON body sits at the same JSONPath the
// live checks use, so they meet in one finding.
import type { Observation } from '../core/classify.js';
import type { Connector } from '../core/model.js';
import { atEndpoint, endpointsByOperation, normalizeOperationKey, type SpecDiffObserved } from '../openapi/diff-specs.js';
import type { OperationMatcher } from '../openapi/match-operation.js';

/** The path of the connector's baseUrl (`/v1`), a base path its endpoints' paths sit under. */
export function basePathOf(baseUrl: string): string[] {
  try {
    return [new URL(baseUrl).pathname];
  } catch {
    return [];
  }
}

/** Which spec operation each endpoint calls (by its configured path under the connector's baseUrl). */
export function endpointOperations(connector: Connector, matcher: OperationMatcher): Map<string, string> {
  const out = new Map<string, string>();
  const base = (basePathOf(connector.baseUrl)[0] ?? '/').replace(/\/+$/, '');
  for (const endpoint of connector.endpoints) {
    const op = matcher(endpoint.method, `${base}${endpoint.path.startsWith('/') ? '' : '/'}${endpoint.path}`);
    if (op) out.set(endpoint.id, op.key);
  }
  return out;
}

/** `used`: endpoint id -> the operation key it calls. Document-wide observations stay connector-wide (`*`). */
export function placeOnEndpoints(observed: Pick<SpecDiffObserved, 'inScope' | 'expand'>, used: ReadonlyMap<string, string>): Observation[] {
  const byOperation = endpointsByOperation(used);
  const operations = new Set(byOperation.keys());
  const out: Observation[] = [];
  for (const observation of observed.inScope) {
    if (observation.endpoint === '*') {
      out.push(observation);
      continue;
    }
    for (const { operation, path } of observed.expand(observation, operations)) {
      for (const endpoint of byOperation.get(normalizeOperationKey(operation)) ?? []) {
        out.push(atEndpoint(observation, endpoint, operation, path));
      }
    }
  }
  return out;
}
