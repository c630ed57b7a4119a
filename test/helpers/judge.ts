// A check's observations judged as the scan would (tests of one check, without a whole scan).
import { classify } from '../../src/core/classify.js';
import type { Connector, Finding } from '../../src/core/model.js';
import type { CheckOutput } from '../../src/app/checks/check.js';

export function judged(output: CheckOutput, connector: Pick<Connector, 'name' | 'severity'>): Finding[] {
  return classify(output.observations, { connector: connector.name, severity: connector.severity });
}

/** A finding's sources, comma-separated, as the store keeps them (`snapshot,spec`). */
export function sources(finding: Finding): string {
  return [...new Set(finding.evidence.map((e) => e.source))].join(',');
}
