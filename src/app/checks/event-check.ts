// The event check: this batch's webhook deliveries, per event type, against the type's accepted baseline
// (snapshots/<connector>/events/<type>.json) with the evidence learned since. A payload is read like a response, so
// the response-shape kinds and rules judge it; a type with no baseline yet is news (info), and its shape is learned.
import type { Observation } from '../../core/classify.js';
import { inferShape } from '../../core/infer.js';
import type { Sample, ScanError } from '../../core/model.js';
import { eventTypeAddedDelta } from '../../events/event-deltas.js';
import { eventTypeOf } from '../../events/delivery.js';
import { readSnapshot } from '../snapshot-files.js';
import type { CheckInput, CheckOutput, ConnectorCheck, ShapeEvidence } from './check.js';
import { judgeShape } from './judge-shape.js';

/** The snapshot version of an event type not accepted yet: what is learned for it waits for the first accept. */
export const UNACCEPTED = 'unaccepted';

export const eventCheck: ConnectorCheck = {
  name: 'event',
  async run({ root, connector, outcomes, snapshots, learned }: CheckInput): Promise<CheckOutput> {
    const byPlace = new Map<string, Sample[]>();
    for (const o of outcomes) {
      if (!o.ok || eventTypeOf(o.sample.endpoint) === undefined) continue;
      const list = byPlace.get(o.sample.endpoint);
      if (list) list.push(o.sample);
      else byPlace.set(o.sample.endpoint, [o.sample]);
    }
    const observations: Observation[] = [];
    const errors: ScanError[] = [];
    const observed: CheckOutput['observed'] = [];
    const shapes: ShapeEvidence[] = [];
    const reads = await Promise.all([...byPlace].map(async ([place, samples]) => ({ place, samples, read: await (snapshots?.get(place) ?? readSnapshot(root, connector.name, place)) })));
    for (const { place, samples, read } of reads) {
      if (read.kind === 'invalid') {
        const where = read.problem.line ? `${read.problem.file}:${read.problem.line}` : read.problem.file;
        errors.push({ connector: connector.name, endpoint: place, kind: 'config', message: `${where} ${read.problem.message}` });
        continue;
      }
      observed.push({ connector: connector.name, endpoint: place, source: 'event' });
      if (read.kind === 'missing') {
        observations.push({ source: 'event', endpoint: place, delta: eventTypeAddedDelta(eventTypeOf(place)!, samples.length) });
        // Learned from the first delivery on, so `accept` has the type's shape to write.
        const schema = inferShape(samples.map((s) => s.body), { values: 'all' });
        const known = learned?.get(place);
        shapes.push({ endpoint: place, snapshotVersion: UNACCEPTED, learned: known?.snapshotVersion === UNACCEPTED ? known : undefined, baseline: schema, observed: schema, renames: new Map() });
        continue;
      }
      const judged = judgeShape({ source: 'event', place, samples, snapshot: read.snapshot, version: read.version, learned: learned?.get(place) });
      observations.push(...judged.observations);
      if (judged.shape) shapes.push(judged.shape);
    }
    return { observations, errors, observed, shapes };
  },
};
