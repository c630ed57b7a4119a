// The retention policy: how long raw samples are kept before they fold into daily rows (DRIFTWATCH_RETENTION, default 90d).
import { inputError } from '../errors.js';
import type { MaintenanceStore } from '../store/ports/maintenance.js';

export const DEFAULT_RETENTION_DAYS = 90;
const RETENTION_ENV = 'DRIFTWATCH_RETENTION';
const DAY_MS = 86_400_000;

/**
 * Days of raw samples to keep: `90d` or `90` (days), `off` keeps everything. From the project's environment, like
 * DRIFTWATCH_DB: one setting for scan, watch and CI. A value that is none of these is bad input (exit 2).
 */
export function retentionDays(env: Readonly<Record<string, string | undefined>>): number | null {
  const raw = env[RETENTION_ENV]?.trim();
  if (raw === undefined || raw === '') return DEFAULT_RETENTION_DAYS;
  if (/^off$/i.test(raw)) return null;
  const match = /^(\d+)\s*d?$/i.exec(raw);
  const days = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(days) || days < 1) throw inputError(`${RETENTION_ENV}="${raw}": expected a number of days such as 90d, or off`);
  return days;
}

/** The end of a run: folds at most a bounded batch of samples older than the retention (see compactSamples). */
export async function applyRetention(store: MaintenanceStore, days: number | null, now: Date): Promise<void> {
  if (days === null) return;
  await store.compactSamples(new Date(now.getTime() - days * DAY_MS).toISOString());
}
