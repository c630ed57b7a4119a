// Known changes accepted on purpose: a change matching a live `ignore:` entry is kept, marked suppressed, and not counted.
import { matchesGlob } from '../../core/jsonpath.js';
import type { Change, Connector, IgnoreEntry, Suppression } from '../../core/model.js';
import type { ChangeDecorator, CheckInput } from './check.js';

/** An entry suppresses through its expiry day (inclusive, UTC) and stops the day after. */
export function isExpired(entry: IgnoreEntry, now: Date): boolean {
  if (entry.expires === undefined) return false;
  return now.toISOString().slice(0, 10) > entry.expires.slice(0, 10);
}

export function entryMatches(entry: IgnoreEntry, change: Change): boolean {
  return (entry.rule === '*' || entry.rule === change.rule) && (entry.path === change.path || matchesGlob(change.path, entry.path));
}

/** Marks each change matched by a live entry; expired entries are ignored, so the change counts again. */
export function applyIgnores(changes: readonly Change[], entries: readonly IgnoreEntry[], now: Date): Change[] {
  const live = entries.filter((e) => !isExpired(e, now));
  if (live.length === 0) return [...changes];
  return changes.map((change) => {
    const entry = live.find((e) => entryMatches(e, change));
    if (!entry) return change;
    const suppressed: Suppression = { reason: entry.reason };
    if (entry.acceptedBy !== undefined) suppressed.acceptedBy = entry.acceptedBy;
    if (entry.expires !== undefined) suppressed.expires = entry.expires;
    return { ...change, suppressed };
  });
}

export const ignoreDecorator: ChangeDecorator = (changes: Change[], connector: Connector, input: CheckInput) =>
  applyIgnores(changes, connector.ignore, input.now);
