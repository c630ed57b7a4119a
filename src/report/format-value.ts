// Short, single-line renderings of before/after values for humans.
import type { Evidence, Finding } from '../core/model.js';

/** A value as text: strings as they are, type lists and value sets bare (`integer, null`), the rest as JSON. */
export function valueText(value: unknown): string {
  const bare = Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string');
  const text = typeof value === 'string' ? value : bare ? (value as string[]).join(', ') : JSON.stringify(value);
  return text ?? String(value);
}

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

/**
 * The evidence of a finding as lines: who saw it, then what each other source said (the first one's words are the
 * finding's message already).
 */
export function evidenceLines(finding: Finding): string[] {
  if (finding.evidence.length === 0) return [];
  const lines = [`seen by: ${[...new Set(finding.evidence.map(evidenceLabel))].join(' · ')}`];
  for (const e of finding.evidence.slice(1)) if (e.message !== finding.message) lines.push(`  ${evidenceLabel(e)}: ${e.message}`);
  return lines;
}
