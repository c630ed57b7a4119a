// The history use case: the drift timeline from the store, filtered by connector, rule, status and count.
import type { HistoryResult } from '../report/model/history.js';
import type { DriftFilter, DriftStatus, HistoryStore } from '../store/history-store.js';

export { DRIFT_STATUSES } from '../store/history-store.js';
export type { DriftStatus };

export async function listHistory(store: HistoryStore, filter: DriftFilter): Promise<HistoryResult> {
  return { drifts: await store.listDrifts(filter), filter };
}
