// What the HTML report shows, as plain data: src/app/report.ts gathers it, render-report.ts turns it into one file.
import type { MapRow } from '../model/map.js';
import type { Evidence, Severity } from '../../core/model.js';
import type { DriftStatus } from '../../store/history-store.js';

/** A connector's colour everywhere in the report (map, diagram, headings). */
export type HealthStatus = 'ok' | 'warning' | 'breaking' | 'failing' | 'never';

export interface ReportData {
  /** The consuming system: the project whose connectors these are. */
  consumer: string;
  generatedAt: string;
  /**
   * The window the timelines, uptime and latency cover: `since` is what was asked for (`--since` days), `from` where
   * the charts start: the first recorded run inside the window, so a young history is not squeezed into one pixel.
   */
  window: { since: string; from: string; days: number };
  store: 'sqlite' | 'postgres';
  runs: { total: number; unfinished: number; last: string | null };
  connectors: ReportConnector[];
  /** Drifts first seen, still live, or closed inside the window; newest first. */
  incidents: ReportIncident[];
  owners: ReportOwner[];
  reviews: ReportReview[];
  /** Unreadable connector or owners files, already formatted (file:line:col message). */
  problems: string[];
}

export interface ReportConnector {
  /** The integration-map row (the five columns, exposure, gaps) as `driftwatch map` computes it. */
  row: MapRow;
  description: string | null;
  /** The vendor's host (no credentials, no query): where the diagram's arrow goes. */
  host: string | null;
  schedule: string | null;
  status: HealthStatus;
  /** One line saying why the status is what it is. */
  statusText: string;
  drifts: Record<DriftStatus, number> & { breaking: number };
  endpoints: ReportEndpoint[];
  timeline: ReportTimeline;
}

export interface ReportEndpoint {
  id: string;
  method: string;
  path: string;
  samples: number;
  ok: number;
  /** ok / samples, or null without samples. */
  uptime: number | null;
  /** Latency of answered requests, in milliseconds. */
  p50: number | null;
  p95: number | null;
  /** The last sample: its status code, or the failure kind. */
  last: { at: string; text: string; ok: boolean } | null;
  /** Latency points for the sparkline, oldest first (at most a few hundred). */
  points: Array<{ at: string; ms: number; ok: boolean }>;
}

export type TimelineEventKind = 'opened' | 'accepted' | 'resolved';

export interface TimelineEvent {
  at: string;
  kind: TimelineEventKind;
  driftId: number;
  severity: Severity;
  label: string;
}

export interface ReportTimeline {
  /** Drifts already live when the window starts. */
  openAtStart: number;
  /** Events inside the window, oldest first. */
  events: TimelineEvent[];
}

export interface ReportIncident {
  id: number;
  fingerprint: string;
  connector: string;
  endpoint: string;
  rule: string;
  severity: Severity;
  path: string;
  message: string;
  status: DriftStatus;
  suppressed: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
  /** When it stopped being live: resolved (no longer seen) or accepted into a snapshot. */
  closedAt: string | null;
  /** The root-cause note given with `driftwatch ack`. */
  note: string | null;
  /** Every source that saw the change (samples, the vendor's spec, a contract...). */
  evidence: Evidence[];
}

export interface ReportOwner {
  name: string;
  /** `nobody`: the row for connectors without a system owner, so they count among what needs review. */
  kind: 'person' | 'team' | 'unregistered' | 'nobody';
  contact: string | null;
  /** null when the project keeps no owners.yaml to say. */
  active: boolean | null;
  roles: Array<{ connector: string; role: 'system owner' | 'data owner' }>;
  /** Why this owner needs review; empty when nothing does. */
  reasons: string[];
}

export interface ReportReview {
  connector: string;
  owner: string | null;
  reviewedAt: string | null;
  everyDays: number;
  /** reviewedAt + everyDays, or null when never reviewed. */
  dueAt: string | null;
  status: 'ok' | 'due-soon' | 'overdue' | 'never';
}
