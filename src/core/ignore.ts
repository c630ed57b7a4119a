// Known changes accepted on purpose: a finding matching a live `ignore:` entry is kept, marked suppressed, not counted.
import { matchesGlob } from './jsonpath.js';
import type { IgnoreEntry, Suppression } from './model.js';

/** An entry suppresses through its expiry day (inclusive, UTC) and stops the day after; `today` is `YYYY-MM-DD`. */
export function isExpired(entry: IgnoreEntry, today: string): boolean {
  return entry.expires !== undefined && today > entry.expires.slice(0, 10);
}

function entryMatches(entry: IgnoreEntry, finding: { rule: string; path: string }): boolean {
  return (entry.rule === '*' || entry.rule === finding.rule) && (entry.path === finding.path || matchesGlob(finding.path, entry.path));
}

/** The suppression a live entry gives the finding, if any. */
export function suppressionFor(entries: readonly IgnoreEntry[], finding: { rule: string; path: string }, today: string): Suppression | undefined {
  const entry = entries.find((e) => !isExpired(e, today) && entryMatches(e, finding));
  if (entry === undefined) return undefined;
  const suppressed: Suppression = { reason: entry.reason };
  if (entry.acceptedBy !== undefined) suppressed.acceptedBy = entry.acceptedBy;
  if (entry.expires !== undefined) suppressed.expires = entry.expires;
  return suppressed;
}
