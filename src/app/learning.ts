// After a connector's findings are recorded: which of them are settled by an accept, and what the run teaches the
// learned baselines (everything it saw, except the places of the changes it reports).
import { learnShape } from '../core/baseline.js';
import type { Finding } from '../core/model.js';
import type { DriftEvent, LearnedBaseline } from '../store/history-store.js';
import type { ShapeEvidence } from './checks/check.js';

/**
 * Findings whose drift is accepted (and, being `seen`, still shows what was accepted) no longer count. A consumer
 * contract that says it breaks keeps it counting: accepting what the vendor sends does not mend a contract.
 */
export function markAccepted(findings: readonly Finding[], events: readonly DriftEvent[]): Finding[] {
  const accepted = new Map<string, string>();
  for (const { kind, drift } of events) if (kind === 'seen' && drift.status === 'accepted') accepted.set(drift.fingerprint, drift.lastSeenAt);
  return findings.map((f) => {
    const at = accepted.get(f.fingerprint);
    if (at === undefined || f.evidence.some((e) => e.source === 'pact')) return f;
    return { ...f, accepted: { at } };
  });
}

/**
 * The next learned baseline of each endpoint the snapshot check judged. A place with a warning or breaking finding is
 * frozen (its evidence would teach the baseline the very change being reported), and so is a rename's new name; an
 * info finding (a new optional field) is learned, so it is reported once, not every night.
 */
export function learnedBaselines(connector: string, shapes: readonly ShapeEvidence[], findings: readonly Finding[], at: string): LearnedBaseline[] {
  return shapes.map((shape) => {
    const frozen = new Set<string>();
    for (const f of findings) {
      if (f.endpoint !== shape.endpoint || f.severity === 'info' || !f.path.startsWith('$')) continue;
      frozen.add(f.path);
      const renamed = shape.renames.get(f.path);
      if (renamed !== undefined) frozen.add(renamed);
    }
    return {
      connector,
      endpoint: shape.endpoint,
      snapshotVersion: shape.snapshotVersion,
      schema: learnShape(shape.learned?.schema, shape.observed, shape.baseline, frozen),
      runs: (shape.learned?.runs ?? 0) + 1,
      updatedAt: at,
    };
  });
}
