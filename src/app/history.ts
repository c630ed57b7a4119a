// The history use case: one page of the drift timeline from the store, filtered by connector, rule and status.
import type { HistoryResult } from '../report/model/history.js';
import type { DriftFilter, FindingStore } from '../store/ports/findings.js';
import type { DriftStatus } from '../store/tables.js';
import { historyPage } from './history-paging.js';

export { DRIFT_STATUSES } from '../store/history-store.js';
export { parseBefore } from './history-paging.js';
export type { DriftStatus };

export async function listHistory(store: Pick<FindingStore, 'listDrifts'>, filter: DriftFilter): Promise<HistoryResult> {
  const { drifts, next } = await historyPage(store, filter);
  return { drifts, next, filter };
}
