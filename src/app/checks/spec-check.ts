// The spec check: live samples vs the vendor's OpenAPI spec (operation, status, content type, body), and for a spec
// URL, the live document vs the pinned copy (spec drift in the operations this connector uses).
import { join } from 'node:path';
import type { Connector, Delta, Sample } from '../../core/model.js';
import { formatProblem } from '../../core/format-problem.js';
import { observeSpecDiff } from '../../openapi/diff-specs.js';
import { liveSpecDelta } from '../../openapi/spec-deltas.js';
import { basePathOf, endpointOperations, placeOnEndpoints } from '../spec-places.js';
import { isSpecUrl, loadSpec } from '../../openapi/load-spec.js';
import { createOperationMatcher, type OperationMatcher } from '../../openapi/match-operation.js';
import { responseValidatorFor } from '../../openapi/response-validator.js';
import { confinementFor } from '../../openapi/spec-confine.js';
import { readPinnedSpec, specCacheDir } from '../../openapi/spec-drift.js';
import type { LoadedSpec, OpenApiDocument } from '../../openapi/types.js';
import type { CheckInput, CheckOutput, ConnectorCheck } from './check.js';

function requestPathOf(sample: Sample, fallback: string): string {
  try {
    return new URL(sample.url).pathname;
  } catch {
    return fallback;
  }
}

export const specCheck: ConnectorCheck = {
  name: 'spec',
  async run({ root, connector, outcomes, now }: CheckInput): Promise<CheckOutput> {
    const output: CheckOutput = { observations: [], errors: [], observed: [] };
    if (!connector.spec) return output;
    const loaded = await loadSpec(connector.spec, { baseDir: connector.dir, cacheDir: specCacheDir(root), confine: confinementFor(root, connector) });
    if (!loaded.ok) {
      output.errors.push({ connector: connector.name, endpoint: '*', kind: 'spec', message: formatProblem(loaded.problem, root) });
      return output;
    }
    const spec = loaded.spec;
    if (spec.stale) {
      output.errors.push({ connector: connector.name, endpoint: '*', kind: 'spec', message: `${connector.spec} could not be fetched: checked against the cached copy` });
    }
    const extraBases = basePathOf(connector.baseUrl);
    const matcher = matcherFor(spec, extraBases);
    const validator = responseValidatorFor(spec);

    for (const endpoint of connector.endpoints) {
      const samples = outcomes
        .filter((o): o is { ok: true; sample: Sample } => o.ok && o.sample.endpoint === endpoint.id)
        .map((o) => o.sample);
      if (samples.length === 0) continue;
      const deltas = new Map<string, Delta>();
      const add = (delta: Delta): void => {
        const key = `${delta.kind}\u0000${delta.path}`;
        if (!deltas.has(key)) deltas.set(key, delta);
      };
      for (const sample of samples) {
        const path = requestPathOf(sample, endpoint.path);
        const op = matcher(sample.method, path);
        if (!op) {
          add({ kind: 'operation-missing', location: 'operation', path: `${sample.method} ${endpoint.path}`, request: `${sample.method} ${path}`, spec: connector.spec });
          continue;
        }
        const result = validator.check(op, sample.status, sample.contentType, sample.body);
        // Stated in the kinds the snapshot uses: an undocumented status is the status the vendor's contract does not allow.
        if (result.kind === 'status-undocumented') {
          add({ kind: 'status-changed', location: 'response', path: 'status', by: 'spec', where: op.key, before: documentedStatuses(result.documented), after: result.status });
        } else if (result.kind === 'content-type-undocumented') {
          add({ kind: 'content-type-changed', location: 'response', path: 'content-type', by: 'spec', where: op.key, before: result.documented, after: result.contentType });
        } else {
          for (const m of result.mismatches) add(liveSpecDelta(m, op.key));
        }
      }
      for (const delta of deltas.values()) output.observations.push({ source: 'spec', endpoint: endpoint.id, delta });
      output.observed.push({ connector: connector.name, endpoint: endpoint.id, source: 'spec' });
    }

    if (isSpecUrl(connector.spec)) await checkSpecDrift(connector, spec.document, extraBases, now, output);
    return output;
  },
};

/** Operation matchers by spec version and base paths: a second run of the same spec builds none (`watch`). */
const matchers = new Map<string, OperationMatcher>();

function matcherFor(spec: LoadedSpec, bases: string[]): OperationMatcher {
  if (spec.hash === undefined) return createOperationMatcher(spec.document, bases);
  const key = `${spec.hash}\u0000${bases.join('\u0000')}`;
  let matcher = matchers.get(key);
  if (!matcher) {
    matcher = createOperationMatcher(spec.document, bases);
    matchers.set(key, matcher);
    if (matchers.size > 32) matchers.delete(matchers.keys().next().value as string);
  }
  return matcher;
}

/** Documented status keys as numbers (`2XX` and `default` name no one status and are left out). */
function documentedStatuses(keys: readonly string[]): number[] {
  return keys.filter((k) => /^\d{3}$/.test(k)).map(Number);
}

async function checkSpecDrift(connector: Connector, current: OpenApiDocument, extraBases: string[], now: Date, output: CheckOutput): Promise<void> {
  const pinned = await readPinnedSpec(connector);
  if (pinned.kind === 'missing') {
    output.errors.push({
      connector: connector.name,
      endpoint: '*',
      kind: 'no-snapshot',
      message: `no pinned copy of ${connector.spec} yet: run \`driftwatch accept --connector ${connector.name}\` to pin it`,
    });
    return;
  }
  if (pinned.kind === 'invalid') {
    output.errors.push({ connector: connector.name, endpoint: '*', kind: 'spec', message: `${join(connector.dir, 'openapi.pinned.json')}: ${pinned.message}` });
    return;
  }
  // The scope is what the connector called under the pinned contract.
  const used = endpointOperations(connector, createOperationMatcher(pinned.document, extraBases));
  const observed = await observeSpecDiff(pinned.document, current, { operations: [...new Set(used.values())], walkAll: false, now, sunsetWarnDays: connector.sunsetWarnDays });
  output.observations.push(...placeOnEndpoints(observed, used));
  for (const endpoint of used.keys()) output.observed.push({ connector: connector.name, endpoint, source: 'spec-diff' });
  output.observed.push({ connector: connector.name, endpoint: '*', source: 'spec-diff' });
}

export { endpointOperations };
