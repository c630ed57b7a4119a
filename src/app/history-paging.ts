// A page of the drift timeline: newest sighting first, 100 by default, `--before <id or time>` for the next page.
import { inputError } from '../errors.js';
import type { DriftFilter, FindingStore } from '../store/ports/findings.js';
import type { DriftRecord } from '../store/tables.js';

/** A page this long stays small in memory and on a terminal whatever the history holds. */
const DEFAULT_HISTORY_LIMIT = 100;

/** `--before`: a drift id (`12` or `#12`) or an ISO date/time; anything else is bad input. */
export function parseBefore(text: string): NonNullable<DriftFilter['before']> {
  const trimmed = text.trim();
  if (/^#?\d+$/.test(trimmed)) return { id: Number(trimmed.replace('#', '')) };
  const time = /^\d{4}-\d{2}-\d{2}/.test(trimmed) ? Date.parse(trimmed) : NaN;
  if (Number.isNaN(time)) throw inputError(`--before "${text}": expected a drift id (12 or #12) or a date/time (2026-11-23 or 2026-11-23T09:00:00Z)`);
  return { at: new Date(time).toISOString() };
}

export interface HistoryPage {
  drifts: DriftRecord[];
  /** What to pass as `--before` for the next page; null on the last one. */
  next: string | null;
}

/** One page; asks for one drift more than it shows, to know whether there is a next page. */
export async function historyPage(store: Pick<FindingStore, 'listDrifts'>, filter: Omit<DriftFilter, 'limit'> & { limit?: number }): Promise<HistoryPage> {
  const limit = filter.limit ?? DEFAULT_HISTORY_LIMIT;
  const rows = await store.listDrifts({ ...filter, limit: limit + 1 });
  const drifts = rows.slice(0, limit);
  return { drifts, next: rows.length > limit ? String(drifts.at(-1)!.id) : null };
}
