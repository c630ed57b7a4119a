// One place's samples against its accepted snapshot and the evidence learned since: the deltas, and what the run saw
// (for learning). Shared by the snapshot check (endpoints) and the event check (webhook event types).
import type { Observation } from '../../core/classify.js';
import { mergeShapes } from '../../core/baseline.js';
import { diffSnapshot } from '../../core/diff.js';
import { inferShape } from '../../core/infer.js';
import type { EvidenceSource, Sample, Snapshot } from '../../core/model.js';
import type { LearnedBaseline } from '../../store/history-store.js';
import type { ShapeEvidence } from './check.js';

export function judgeShape(input: {
  source: EvidenceSource;
  place: string;
  samples: readonly Sample[];
  snapshot: Snapshot;
  version: string;
  learned: LearnedBaseline | undefined;
}): { observations: Observation[]; shape: ShapeEvidence | undefined } {
  const { samples, snapshot, place } = input;
  // Evidence learned for an older version of the snapshot was folded into this one when it was accepted.
  const current = input.learned !== undefined && input.learned.snapshotVersion === input.version ? input.learned : undefined;
  const baseline = current === undefined ? snapshot.schema : mergeShapes(snapshot.schema, current.schema);
  const last = samples[samples.length - 1]!;
  const schema = inferShape(samples.map((s) => s.body), { values: 'all' });
  const deltas = diffSnapshot({ ...snapshot, schema: baseline }, { status: last.status, contentType: last.contentType, schema, samples: samples.length });
  const observations: Observation[] = [];
  const renames = new Map<string, string>();
  for (const delta of deltas) {
    observations.push({ source: input.source, endpoint: place, delta });
    if (delta.kind === 'property-removed' && delta.renamedTo !== undefined) renames.set(delta.path, delta.renamedTo);
  }
  // Only answers of the accepted kind teach the baseline: an error page is not evidence about the resource.
  const shape = last.status === snapshot.response.status ? { endpoint: place, snapshotVersion: input.version, learned: current, baseline, observed: schema, renames } : undefined;
  return { observations, shape };
}
