// Usage-aware severity and ignore entries for `driftwatch diff --connector`: the same judgement `scan` applies.
import type { Connector, SeverityCounts } from '../core/model.js';
import type { SpecChange, SpecDiffResult } from '../openapi/diff-specs.js';
import type { PactFile } from '../pact/pact-file.js';
import { contractUsage } from '../pact/usage.js';
import { specChangesToChanges } from './checks/spec-check.js';
import { applyIgnores } from './checks/ignore-decorator.js';
import { applyUsage, UNUSED_SUFFIX } from './checks/pinned-decorator.js';

/**
 * Judges each spec change through the endpoints of `connector` that use its operation: downgraded when no contract
 * pins what it touches on any of them, suppressed when an unexpired ignore entry matches it on all of them.
 * Suppressed changes stay listed and stop counting, as in a scan.
 */
export function judgeSpecDiff(
  result: SpecDiffResult,
  connector: Connector,
  used: ReadonlyMap<string, string>,
  pacts: readonly PactFile[],
  now: Date,
): SpecDiffResult {
  const usage = contractUsage(connector, pacts);
  const changes = result.changes.map((change): SpecChange => {
    const perEndpoint = applyIgnores(applyUsage(specChangesToChanges(connector.name, [change], used), usage), connector.ignore, now);
    if (perEndpoint.length === 0) return change;
    let judged: SpecChange = change;
    if (perEndpoint.every((c) => c.pinned === false)) {
      judged = {
        ...judged,
        pinned: false,
        severity: change.severity === 'breaking' ? 'warning' : change.severity,
        message: `${change.message} (${UNUSED_SUFFIX})`,
      };
    } else if (perEndpoint.some((c) => c.pinned === true)) {
      judged = { ...judged, pinned: true };
    }
    const suppressed = perEndpoint.every((c) => c.suppressed !== undefined) ? perEndpoint[0]!.suppressed : undefined;
    return suppressed ? { ...judged, suppressed } : judged;
  });
  const summary: SeverityCounts = { breaking: 0, warning: 0, info: 0 };
  for (const change of changes) if (!change.suppressed) summary[change.severity]++;
  return { ...result, changes, summary };
}
