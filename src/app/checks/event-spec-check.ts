// The event spec check: each delivery vs the payload the vendor's spec documents for its event type under `webhooks:`
// (OpenAPI 3.1, or `x-webhooks`), stated in the kinds the event check uses, so one change is one finding.
import type { Delta, Sample } from '../../core/model.js';
import { formatProblem } from '../../core/format-problem.js';
import { eventTypeOf } from '../../events/delivery.js';
import { loadSpec } from '../../openapi/load-spec.js';
import { listWebhooks } from '../../openapi/operations.js';
import { responseValidatorFor } from '../../openapi/response-validator.js';
import { confinementFor } from '../../openapi/spec-confine.js';
import { liveSpecDelta } from '../../openapi/spec-deltas.js';
import { specCacheDir } from '../../openapi/spec-drift.js';
import type { SpecOperation } from '../../openapi/types.js';
import type { CheckInput, CheckOutput, ConnectorCheck } from './check.js';

export const eventSpecCheck: ConnectorCheck = {
  name: 'spec',
  async run({ root, connector, outcomes }: CheckInput): Promise<CheckOutput> {
    const output: CheckOutput = { observations: [], errors: [], observed: [] };
    const byPlace = new Map<string, Sample[]>();
    for (const o of outcomes) if (o.ok && eventTypeOf(o.sample.endpoint) !== undefined) byPlace.set(o.sample.endpoint, [...(byPlace.get(o.sample.endpoint) ?? []), o.sample]);
    if (!connector.spec || byPlace.size === 0) return output;
    const loaded = await loadSpec(connector.spec, { baseDir: connector.dir, cacheDir: specCacheDir(root), confine: confinementFor(root, connector) });
    if (!loaded.ok) {
      output.errors.push({ connector: connector.name, endpoint: 'event:*', kind: 'spec', message: formatProblem(loaded.problem, root) });
      return output;
    }
    const webhooks = new Map<string, SpecOperation>();
    // The webhook's name is the event type (`invoice.paid`); a POST when a name documents several methods.
    for (const op of listWebhooks(loaded.spec.document)) if (!webhooks.has(op.path) || op.method === 'POST') webhooks.set(op.path, op);
    const validator = responseValidatorFor(loaded.spec);
    for (const [place, samples] of byPlace) {
      const op = webhooks.get(eventTypeOf(place)!);
      // A type the spec does not document is not the spec's to judge (the event check reports a new type).
      if (op === undefined) continue;
      const deltas = new Map<string, Delta>();
      let documented = false;
      for (const sample of samples) {
        const mismatches = validator.checkPayload(op, sample.body);
        if (mismatches === undefined) break;
        documented = true;
        for (const m of mismatches) {
          const delta = liveSpecDelta(m, op.key);
          const key = `${delta.kind}\u0000${delta.path}`;
          if (!deltas.has(key)) deltas.set(key, delta);
        }
      }
      if (!documented) continue;
      for (const delta of deltas.values()) output.observations.push({ source: 'spec', endpoint: place, delta });
      output.observed.push({ connector: connector.name, endpoint: place, source: 'spec' });
    }
    return output;
  },
};
