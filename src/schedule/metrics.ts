// The daemon's Prometheus metrics (prom-client): scans, samples by outcome, open drifts, last success, outbox depth, circuits.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SampleOutcome, Severity } from '../core/model.js';
import { SEVERITIES } from '../core/model.js';
import type { FindingStore } from '../store/ports/findings.js';
import type { OutboxStore } from '../store/ports/outbox.js';

export type ScanResultLabel = 'ok' | 'failed' | 'skipped' | 'error';

export interface WatchMetrics {
  registry: Registry;
  /** One connector run: its result and how long it took. */
  observeScan(connector: string, result: ScanResultLabel, seconds: number): void;
  observeSamples(connector: string, outcomes: readonly SampleOutcome[]): void;
  markSuccess(connector: string, at: Date): void;
  setCircuit(connector: string, open: boolean): void;
  /** A fire that did not run here: `overlap`, `not-elected`, `running-elsewhere`, `coordinator-error`, `stopping`. */
  countSkip(connector: string, reason: string): void;
  forget(connector: string): void;
  render(): Promise<string>;
  contentType: string;
}

/**
 * A registry of its own (not prom-client's global one), so several daemons in one process (tests) do not collide.
 * Drift and outbox figures are read from the store at scrape time: with several instances on one store, each
 * reports the shared truth rather than its own share of it.
 */
export function createWatchMetrics(store: Pick<FindingStore, 'listDrifts'> & Pick<OutboxStore, 'listOutbox'>, options: { defaultMetrics?: boolean; onStoreError?: (error: unknown) => void } = {}): WatchMetrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'driftwatch_' });
  const onStoreError = options.onStoreError ?? (() => {});

  const scans = new Counter({
    name: 'driftwatch_scans_total',
    help: 'Connector runs by result (ok, failed: every request failed operationally, skipped: circuit open, error: a bug)',
    labelNames: ['connector', 'result'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'driftwatch_scan_duration_seconds',
    help: 'Duration of one connector run, sampling to recorded drift',
    labelNames: ['connector'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [registry],
  });
  const samples = new Counter({
    name: 'driftwatch_samples_total',
    help: 'Samples taken, by outcome (ok or the failure kind)',
    labelNames: ['connector', 'outcome'] as const,
    registers: [registry],
  });
  const lastSuccess = new Gauge({
    name: 'driftwatch_last_successful_scan_timestamp_seconds',
    help: 'Unix time of the last run of a connector that reached its vendor',
    labelNames: ['connector'] as const,
    registers: [registry],
  });
  const circuit = new Gauge({
    name: 'driftwatch_circuit_open',
    help: '1 while the connector is skipped by its circuit breaker',
    labelNames: ['connector'] as const,
    registers: [registry],
  });
  const skips = new Counter({
    name: 'driftwatch_runs_skipped_total',
    help: 'Scheduled fires that did not run on this instance, by reason',
    labelNames: ['connector', 'reason'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'driftwatch_drifts_open',
    help: 'Open drifts in the history store, by severity',
    labelNames: ['severity'] as const,
    registers: [registry],
    async collect() {
      try {
        const open = await store.listDrifts({ status: 'open' });
        const counts: Record<Severity, number> = { breaking: 0, warning: 0, info: 0 };
        for (const drift of open) counts[drift.severity]++;
        for (const severity of SEVERITIES) this.set({ severity }, counts[severity]);
      } catch (error) {
        onStoreError(error);
      }
    },
  });
  new Gauge({
    name: 'driftwatch_outbox_depth',
    help: 'Notifications waiting in the outbox (not delivered yet)',
    registers: [registry],
    async collect() {
      try {
        this.set((await store.listOutbox({ pending: true })).length);
      } catch (error) {
        onStoreError(error);
      }
    },
  });

  return {
    registry,
    contentType: registry.contentType,
    observeScan(connector, result, seconds) {
      scans.inc({ connector, result });
      if (result !== 'skipped') duration.observe({ connector }, seconds);
    },
    observeSamples(connector, outcomes) {
      for (const o of outcomes) samples.inc({ connector, outcome: o.ok ? 'ok' : o.failure.kind });
    },
    markSuccess(connector, at) {
      lastSuccess.set({ connector }, at.getTime() / 1000);
    },
    setCircuit(connector, open) {
      circuit.set({ connector }, open ? 1 : 0);
    },
    countSkip(connector, reason) {
      skips.inc({ connector, reason });
    },
    forget(connector) {
      for (const metric of [lastSuccess, circuit]) metric.remove({ connector });
    },
    render: () => registry.metrics(),
  };
}
