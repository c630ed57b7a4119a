// The watch daemon's public shapes: its options, its handle, and the status of a connector on /healthz.
import type { DestinationStream } from 'pino';
import type { Dispatcher } from 'undici';
import type { ScanOptions, ScanStore } from '../app/scan.js';
import type { FlushOptions } from '../notify/flush-outbox.js';
import type { LeaseStore } from '../store/ports/leases.js';
import type { StoreLocation } from '../store/open-store.js';
import type { CircuitBreakerOptions } from './circuit-breaker.js';
import type { Clock } from './clock.js';
import type { WatchRunEvent } from './connector-runner.js';
import type { WatchMode } from './exclusivity.js';
import type { HealthReport } from './health-server.js';
import type { ScanResultLabel } from './metrics.js';
import type { PlannedSchedule } from './schedules.js';

export interface WatchOptions {
  root: string;
  /** The ports a watch uses: a scan's, leases, and the handle to close. */
  store: ScanStore & LeaseStore & { readonly kind: 'sqlite' | 'postgres'; close(): Promise<void> };
  /** Where the store lives: a SQLite file gets the exclusive lock file next to it. */
  location: StoreLocation;
  env: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
  /** Timers and durations (tests); default real time with `now`. */
  clock?: Clock;
  /**
   * `exclusive` (the default for SQLite): refuses to start while another daemon holds the store.
   * `shared` (the default for PostgreSQL): several daemons on one store, each scheduled run happens once among them.
   */
  mode?: WatchMode;
  /** Port for /healthz and /metrics on 127.0.0.1 (0: any free port); undefined: no HTTP endpoint. */
  port?: number;
  /** How long the first webhook delivery of a batch waits before the batch is judged (default 1000 ms). */
  hookBatchMs?: number;
  host?: string;
  /** Time zone for connectors that do not name their own. */
  timezone?: string;
  /** Overrides every connector's schedule with one firing every N seconds. */
  everySeconds?: number;
  /** Connectors sharing a tick start spread over this window, each at a fixed offset from its name. Default 5 s; 0 turns it off. */
  jitterWindowMs?: number;
  breaker?: CircuitBreakerOptions;
  /** How often the outbox is retried. Default 60 s; 0 turns it off. */
  outboxIntervalMs?: number;
  /** How often connector files are re-read even without a file-system event. Default 30 s; 0 turns it off. */
  reloadIntervalMs?: number;
  /** React to edits in contracts/ at once (fs.watch). Default true. */
  watchFiles?: boolean;
  /** How long stop() waits for in-flight runs. Default 30 s; a run still going after that stays unfinished in the history. */
  shutdownGraceMs?: number;
  /** Send notifications for each run's drift events. Default true. */
  notify?: boolean;
  flush?: Omit<FlushOptions, 'env' | 'now'>;
  sampler?: ScanOptions['sampler'];
  dispatcher?: Dispatcher;
  /** Structured logs go here (default: stderr). */
  logDestination?: DestinationStream;
  logLevel?: string;
  /** Process metrics (cpu, memory, event loop) on /metrics. Default true. */
  defaultMetrics?: boolean;
  /** Close the store when the daemon stops. Default false: whoever opened it closes it. */
  closeStore?: boolean;
  instanceId?: string;
  /** Called after every run this instance executed (tests, benchmarks). */
  onRun?: (event: WatchRunEvent) => void;
}

export interface ConnectorStatus {
  name: string;
  schedule: string;
  timezone: string | null;
  nextRun: string | null;
  lastRunAt: string | null;
  lastResult: ScanResultLabel | null;
  lastSuccessAt: string | null;
  circuit: string;
  running: boolean;
}

export interface WatchDaemon {
  instance: string;
  mode: WatchMode;
  /** Base URL of /healthz and /metrics, or null without a port. */
  url: string | null;
  schedules(): PlannedSchedule[];
  health(): HealthReport;
  /** Re-reads contracts/ and reschedules what changed. */
  reload(): Promise<void>;
  /** Runs one connector now, outside its schedule (same overlap, breaker and lease rules). */
  runNow(connector: string): Promise<WatchRunEvent | null>;
  /** Flushes the outbox now. */
  flushNow(): Promise<void>;
  /** Stops scheduling, waits for in-flight runs (up to the grace), closes the endpoint, releases the store. Idempotent. */
  stop(reason?: string): Promise<void>;
  /** Resolves once stopped. */
  readonly stopped: Promise<void>;
}
