// Spec-diff observations placed on a connector's endpoints: a change in an operation is a change at every endpoint that
// calls it, and a change to its success JSON body sits at the same JSONPath the live checks use, so they meet.
import type { Observation } from '../core/classify.js';

/** `GET /v1/invoices/{id}` and `GET /v1/invoices/{invoice}` name one operation. */
const normalize = (key: string): string => key.replace(/\{[^}/]*\}/g, '{}');

const SUCCESS_BODY = /^response 2\d\d \S*json\S* (\$.*)$/i;

/** `used`: endpoint id -> the operation key it calls. Document-wide observations stay connector-wide (`*`). */
export function placeOnEndpoints(observations: readonly Observation[], used: ReadonlyMap<string, string>): Observation[] {
  const byOperation = new Map<string, string[]>();
  for (const [endpoint, operation] of used) {
    const key = normalize(operation);
    byOperation.set(key, [...(byOperation.get(key) ?? []), endpoint]);
  }
  const out: Observation[] = [];
  for (const observation of observations) {
    if (observation.endpoint === '*') {
      out.push(observation);
      continue;
    }
    const body = SUCCESS_BODY.exec(observation.delta.path)?.[1];
    const path = body ?? `${observation.endpoint} ${observation.delta.path}`;
    for (const endpoint of byOperation.get(normalize(observation.endpoint)) ?? []) {
      out.push({ ...observation, endpoint, delta: { ...observation.delta, path } });
    }
  }
  return out;
}
