// The ingest use case: captured webhook deliveries (JSON, JSONL, HAR files) of one connector, redacted and bounded as
// samples are, judged through the scan's pipeline (findings, history, messages) with a baseline per event type.
import type { ScanError } from '../core/model.js';
import { formatProblem } from '../core/format-problem.js';
import { loadConnectors } from '../config/load-connectors.js';
import { deliverySecrets } from '../events/delivery-secrets.js';
import { readDelivery } from '../events/delivery.js';
import { readCapture } from '../events/read-deliveries.js';
import type { ScanResult } from '../report/model/scan.js';
import type { FlushOptions } from '../notify/flush-outbox.js';
import { judgeDeliveries, type DeliveryBatch } from './judge-deliveries.js';
import type { ScanStore } from './scan.js';

export interface IngestOptions {
  root: string;
  store: ScanStore;
  connector: string;
  files: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  log?: (line: string) => void;
  notify?: false | { flush?: Omit<FlushOptions, 'env' | 'now'> };
}

/** What a refused delivery of a file is for the exit code: the file is the user's input (2), as a scan's limits are. */
const ERROR_KIND = { 'too-large': 'too-large', 'too-complex': 'too-complex' } as const;

export async function ingest(options: IngestOptions): Promise<ScanResult> {
  const loaded = await loadConnectors(options.root, { only: options.connector });
  const problemErrors: ScanError[] = loaded.problems.map((problem) => ({ connector: options.connector, endpoint: '*', kind: 'config', message: formatProblem(problem, options.root) }));
  const connector = loaded.connectors[0];
  const batches: DeliveryBatch[] = [];
  if (connector !== undefined && connector.events === undefined) {
    problemErrors.push({ connector: connector.name, endpoint: '*', kind: 'config', message: `${connector.file}: no events: section, so no delivery can be judged (add events: { typeField: type }; docs/webhooks.md)` });
  } else if (connector !== undefined) {
    const secrets = deliverySecrets(connector, options.env);
    const batch: DeliveryBatch = { connector, samples: [], errors: [] };
    const receivedAt = options.now().toISOString();
    for (const file of options.files) {
      const capture = await readCapture(file, connector.limits);
      if (!capture.ok) {
        batch.errors.push({ connector: connector.name, endpoint: 'event:*', kind: 'config', message: capture.message });
        continue;
      }
      for (const raw of capture.deliveries) {
        const verdict = 'rejected' in raw ? { ok: false as const, ...raw.rejected } : readDelivery(connector, { body: raw.body, receivedAt, secrets });
        if (verdict.ok) batch.samples.push(verdict.sample);
        else batch.errors.push({ connector: connector.name, endpoint: 'event:*', kind: ERROR_KIND[verdict.reason as keyof typeof ERROR_KIND] ?? 'config', message: `${raw.where}: ${verdict.message}` });
      }
    }
    options.log?.(`${connector.name}: ${batch.samples.length} deliver${batch.samples.length === 1 ? 'y' : 'ies'} read, ${batch.errors.length} refused`);
    batches.push(batch);
  }
  return judgeDeliveries({
    root: options.root,
    store: options.store,
    env: options.env,
    now: options.now,
    batches,
    problems: loaded.problems,
    problemErrors,
    runKind: 'scan',
    ...(options.notify !== undefined ? { notify: options.notify } : {}),
  });
}
