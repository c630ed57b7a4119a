// Short, single-line renderings for humans: before/after values, counts, who saw a finding, why it is not counted.
import type { Evidence, Finding } from '../core/model.js';
import { valueText } from '../core/value-text.js';

/** A before/after value on one line, cut at `max` characters; `—` when there is none. */
export function formatValue(value: unknown, max = 60): string {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return '—';
  const oneLine = valueText(value).replace(/\s+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

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

/** Why a finding is listed but not counted (an `ignore:` entry, `driftwatch accept`); undefined when it counts. */
export function notCounted(finding: Finding): string | undefined {
  if (finding.suppressed) {
    const by = finding.suppressed.acceptedBy ? ` by ${finding.suppressed.acceptedBy}` : '';
    const until = finding.suppressed.expires ? ` until ${finding.suppressed.expires}` : '';
    return `suppressed${by}${until}: ${finding.suppressed.reason}`;
  }
  if (finding.accepted) return `accepted ${finding.accepted.at.slice(0, 10)}: not counted while the vendor sends what was accepted`;
  return undefined;
}

/** The one word a list shows for a finding: its severity, or why it does not count. */
export function findingTag(finding: Finding): 'breaking' | 'warning' | 'info' | 'suppressed' | 'accepted' {
  return finding.suppressed ? 'suppressed' : finding.accepted ? 'accepted' : finding.severity;
}
