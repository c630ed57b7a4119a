// Who saw a finding, as a person says it: `live samples · the vendor's spec`. Pure.
import type { Evidence } from './model.js';

/** Who saw a change, as a person says it. */
const SOURCE_LABELS: Readonly<Record<string, string>> = {
  snapshot: 'live samples',
  event: 'webhook deliveries',
  spec: "the vendor's spec",
  'spec-diff': 'the spec diff',
  pact: 'a consumer contract',
  auth: 'the credential check',
  ownership: 'the owners registry',
  signal: "the vendor's headers",
  graphql: 'the GraphQL schema',
  availability: 'failed requests',
};

export function evidenceLabel(evidence: Evidence): string {
  const label = SOURCE_LABELS[evidence.source] ?? evidence.source;
  return evidence.where !== undefined ? `${label} (${evidence.where})` : label;
}

/** `live samples · the vendor's spec (GET /v1/x)`: every source that saw a change, once each. */
export function seenBy(evidence: readonly Evidence[]): string {
  return [...new Set(evidence.map(evidenceLabel))].join(' · ');
}

/**
 * The evidence of a finding (or a drift) as lines: who saw it, then what each other source said (the first one's
 * words are the finding's message already).
 */
export function evidenceLines(finding: { evidence: readonly Evidence[]; message: string }): string[] {
  if (finding.evidence.length === 0) return [];
  const lines = [`seen by: ${seenBy(finding.evidence)}`];
  for (const e of finding.evidence.slice(1)) if (e.message !== finding.message) lines.push(`  ${evidenceLabel(e)}: ${e.message}`);
  return lines;
}

