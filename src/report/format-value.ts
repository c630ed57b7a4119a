// Short, single-line renderings for humans: before/after values, counts, who saw a finding, why it is not counted.
import type { Finding } from '../core/model.js';
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

// Who saw a finding, in words: shared with the Slack message (src/notify), so it lives in the core.
export { evidenceLabel, evidenceLines, seenBy } from '../core/evidence-text.js';

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
