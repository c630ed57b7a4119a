// The report use case: gathers the integration map, drift history, samples and owners into the HTML report's data.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { formatProblem } from '../core/format-problem.js';
import { loadConnectors } from '../config/load-connectors.js';
import type { Connector } from '../core/model.js';
import { redactUrl } from '../core/redact.js';
import { loadOwners } from '../owners/load-owners.js';
import type { ReportConnector, ReportData, ReportIncident } from '../report/html/report-data.js';
import type { FindingStore } from '../store/ports/findings.js';
import type { RunStore } from '../store/ports/runs.js';
import type { SampleStore } from '../store/ports/samples.js';
import type { DriftRecord, RunRecord } from '../store/tables.js';
import { buildIntegrationMap } from './map.js';
import { percentile } from '../core/percentile.js';
import { DAY_MS, driftCounts, endpointStats, healthOf, ownersOf, timelineOf } from './report-sections.js';

export interface ReportOptions {
  root: string;
  store: RunStore & SampleStore & FindingStore & { readonly kind: 'sqlite' | 'postgres' };
  env: Readonly<Record<string, string | undefined>>;
  now: Date;
  /** How many days back the timelines, uptime and latency look. Default 30. */
  sinceDays?: number;
}

export const DEFAULT_REPORT_DAYS = 30;
/** Every run of a nightly job for years; the accept runs among them date the accepted drifts. */
const RUN_LOOKBACK = 20_000;

export async function buildReport(options: ReportOptions): Promise<ReportData> {
  const { root, store, now } = options;
  const days = options.sinceDays ?? DEFAULT_REPORT_DAYS;
  const since = new Date(now.getTime() - days * DAY_MS).toISOString();
  const generatedAt = now.toISOString();

  const [map, loaded, owners, samples, sampleDays, drifts, runs, unfinished, consumer] = await Promise.all([
    buildIntegrationMap({ root, store, env: options.env, now }),
    loadConnectors(root),
    loadOwners(root),
    store.listSamples({ since }),
    // Samples past the retention survive as daily rows: the window's older days come from them.
    store.listSampleDays({ since }),
    store.listDrifts({}),
    store.listRuns(RUN_LOOKBACK),
    store.unfinishedRuns(),
    consumerName(root),
  ]);
  const acceptRuns = runs.filter((r) => r.kind === 'accept').sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const closedAt = (drift: DriftRecord): string | null => closingTime(drift, acceptRuns);

  const connectors: ReportConnector[] = map.rows.map((row) => {
    const connector = loaded.connectors.find((c) => c.name === row.connector);
    const mine = drifts.filter((d) => d.connector === row.connector);
    const endpoints = (connector?.endpoints ?? []).map((e) =>
      endpointStats(
        e,
        samples.filter((s) => s.connector === row.connector && s.endpoint === e.id),
        sampleDays.filter((d) => d.connector === row.connector && d.endpoint === e.id),
      ),
    );
    const { status, text } = healthOf(row, mine, endpoints);
    return {
      row,
      description: connector?.description ?? null,
      host: connector ? hostOf(connector) : null,
      schedule: connector?.schedule ? `${connector.schedule}${connector.timezone ? ` (${connector.timezone})` : ''}` : null,
      status,
      statusText: text,
      drifts: driftCounts(mine),
      endpoints,
      timeline: timelineOf(mine, since, generatedAt, closedAt),
    };
  });

  const incidents: ReportIncident[] = drifts
    .filter((d) => {
      const closed = closedAt(d);
      return d.status === 'open' || d.status === 'acknowledged' || d.lastSeenAt >= since || (closed !== null && closed >= since);
    })
    .map((d) => ({
      id: d.id,
      fingerprint: d.fingerprint,
      connector: d.connector,
      endpoint: d.endpoint,
      rule: d.rule,
      severity: d.severity,
      path: d.path,
      message: d.message,
      status: d.status,
      suppressed: d.suppressed,
      firstSeenAt: d.firstSeenAt,
      lastSeenAt: d.lastSeenAt,
      closedAt: d.status === 'resolved' || d.status === 'accepted' ? closedAt(d) : null,
      note: d.note,
      evidence: d.evidence,
    }))
    .sort((a, b) => b.firstSeenAt.localeCompare(a.firstSeenAt) || b.id - a.id);

  const { owners: ownerRows, reviews } = ownersOf(loaded.connectors, owners.registry, now);
  const lastRun = runs.map((r) => r.startedAt).sort().at(-1) ?? null;
  return {
    consumer,
    generatedAt,
    window: { since, from: chartStart(since, generatedAt, runs), days },
    store: store.kind,
    runs: { total: runs.length, unfinished: unfinished.length, last: lastRun },
    connectors,
    incidents,
    owners: ownerRows,
    reviews,
    problems: map.problems.map((p) => formatProblem(p, root)),
  };
}

/** The first run inside the window, less a margin, so the first events do not sit on the chart's edge. */
export function chartStart(since: string, until: string, runs: readonly RunRecord[]): string {
  const first = runs.map((r) => r.startedAt).filter((at) => at >= since && at <= until).sort()[0];
  if (first === undefined) return since;
  const end = Date.parse(until);
  const start = Date.parse(first);
  const margin = Math.max((end - start) * 0.05, 60_000);
  return new Date(Math.max(Date.parse(since), start - margin)).toISOString();
}

/** The consuming system's name: the project's package.json name, else its folder name. */
async function consumerName(root: string): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { name?: unknown };
    if (typeof pkg.name === 'string' && pkg.name.trim() !== '') return pkg.name.trim();
  } catch {
    // No package.json (or not JSON): the folder name will do.
  }
  return basename(root) || root;
}

function hostOf(connector: Connector): string | null {
  try {
    // redactUrl first: a base URL with user:password@ must not put the password in the report.
    return new URL(redactUrl(connector.baseUrl, [], [])).host;
  } catch {
    return null;
  }
}

/**
 * When a drift stopped being live. The store keeps `resolvedAt`; for an accepted drift the accept run that
 * accepted it tells the time (the first accept run of its connector after it was first seen).
 */
function closingTime(drift: DriftRecord, acceptRuns: readonly RunRecord[]): string | null {
  if (drift.status === 'resolved') return drift.resolvedAt ?? drift.lastSeenAt;
  if (drift.status !== 'accepted') return null;
  const run = acceptRuns.find((r) => r.startedAt >= drift.firstSeenAt && (r.connectors.length === 0 || r.connectors.includes(drift.connector)));
  // Without a matching accept run (a history from elsewhere), the last sighting is the closest honest bound.
  return run ? (run.finishedAt ?? run.startedAt) : drift.lastSeenAt;
}

export { percentile };
