// `verify --notify`: a verify run is recorded in the history like a scan, so its findings open, resolve and notify.
import type { FindingStore } from '../store/ports/findings.js';
import type { OutboxStore } from '../store/ports/outbox.js';
import type { RunStore } from '../store/ports/runs.js';
import { flushAfterRun, notifyReport, prepareNotifier, type NotifiableRun, type NotifyReport } from './notify-run.js';
import type { VerifyResult } from './verify.js';

/**
 * Records the run and its changes (with the owners' messages in the same transaction when `notify` is given). Only
 * interactions that were actually checked, on connectors whose verifier ran, are in scope: a verifier that could not
 * start must not resolve the contract drifts it never looked at.
 */
export async function recordVerify(
  result: VerifyResult,
  store: RunStore & FindingStore & OutboxStore,
  now: () => Date,
  notify?: { root: string; env: Readonly<Record<string, string | undefined>> },
): Promise<NotifiableRun & { notify?: NotifyReport }> {
  const run = await store.startRun('verify', result.connectors.map((c) => c.connector.name), result.startedAt);
  const observed = result.connectors
    .filter((report) => report.errors.length === 0)
    .flatMap((report) => report.interactions)
    .filter((interaction) => interaction.endpoint !== undefined)
    .map((interaction) => ({ connector: interaction.connector, endpoint: interaction.endpoint!, source: 'pact' }));
  const notifier = notify ? await prepareNotifier(notify) : undefined;
  const at = now().toISOString();
  const connectors = result.connectors.map((c) => c.connector);
  const recorded = await store.recordFindings({
    runId: run.id,
    changes: result.changes,
    scope: { observed },
    at,
    ...(notifier
      ? {
          compose: (events) =>
            connectors.flatMap((connector) => notifier.compose(connector, run.id, events.filter((e) => e.drift.connector === connector.name), at)),
        }
      : {}),
  });
  const { breaking, warning, info } = result.summary;
  await store.finishRun(run.id, { breaking, warning, info, errors: result.errors.length + result.problems.length }, now().toISOString());
  if (!notify || !notifier) return { runId: run.id, events: recorded.events };
  const flush = await flushAfterRun(store, { env: notify.env, now });
  return { runId: run.id, events: recorded.events, notify: notifyReport(recorded.enqueued, flush, notifier.notices) };
}
