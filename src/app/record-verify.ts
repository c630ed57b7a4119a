// `verify --notify`: a verify run is recorded in the history like a scan, so its findings open, resolve and notify.
import type { HistoryStore } from '../store/history-store.js';
import type { NotifiableRun } from './notify-run.js';
import type { VerifyResult } from './verify.js';

/**
 * Records the run and its changes. Only interactions that were actually checked, on connectors whose verifier ran,
 * are in scope: a verifier that could not start must not resolve the contract drifts it never looked at.
 */
export async function recordVerify(result: VerifyResult, store: HistoryStore, now: () => Date): Promise<NotifiableRun> {
  const run = await store.startRun('verify', result.connectors.map((c) => c.connector.name), result.startedAt);
  const observed = result.connectors
    .filter((report) => report.errors.length === 0)
    .flatMap((report) => report.interactions)
    .filter((interaction) => interaction.endpoint !== undefined)
    .map((interaction) => ({ connector: interaction.connector, endpoint: interaction.endpoint!, source: 'pact' }));
  const events = await store.recordChanges(run.id, result.changes, { observed }, now().toISOString());
  const { breaking, warning, info } = result.summary;
  await store.finishRun(run.id, { breaking, warning, info, errors: result.errors.length + result.problems.length }, now().toISOString());
  return { runId: run.id, events };
}
