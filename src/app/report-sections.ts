// The report's sections, derived from what the store and the owners file hold: per-endpoint uptime and latency, drift
// counts and health, the drift timeline, owners and their reviews. Pure: buildReport (report.ts) reads, these derive.
import type { Connector, EndpointConfig } from '../core/model.js';
import { daysBetween, isPlaceholderName, policyFor, resolveOwnership, type OwnersRegistry } from '../core/ownership.js';
import type { HealthStatus, ReportEndpoint, ReportOwner, ReportReview, ReportTimeline, TimelineEvent } from '../report/html/report-data.js';
import type { DriftRecord, DriftStatus, SampleDay, StoredSample } from '../store/tables.js';
import type { MapRow } from './map.js';
import { dayAsPoints, weightedPercentile } from '../core/percentile.js';
import { NOT_REQUESTED } from '../core/outage.js';

export const DAY_MS = 86_400_000;
/** More points than a 180-pixel sparkline can show only cost file size. */
const MAX_POINTS = 240;

/**
 * Uptime and latency of one endpoint from its stored samples and, for days past the retention, its daily rows:
 * uptime is exact; latency counts answered requests only, a day weighing as many answers as it had (dayAsPoints).
 */
export function endpointStats(endpoint: Pick<EndpointConfig, 'id' | 'method' | 'path'>, samples: readonly StoredSample[], days: readonly SampleDay[] = []): ReportEndpoint {
  const sorted = [...samples].sort((a, b) => a.takenAt.localeCompare(b.takenAt));
  const folded = [...days].sort((a, b) => a.day.localeCompare(b.day));
  const ok = sorted.filter((s) => s.ok);
  const latencies = [...ok.map((s) => ({ value: s.latencyMs, weight: 1 })), ...folded.flatMap((d) => dayAsPoints(d.ok, d.p50, d.p95))];
  // Uptime counts only requests that were made: an unset env var or an open circuit is not the vendor's downtime.
  const made = sorted.filter((s) => s.ok || !NOT_REQUESTED.has(s.errorKind ?? '')).length;
  const notMadeOn = (d: SampleDay): number => Object.entries(d.failures).reduce((n, [kind, count]) => n + (NOT_REQUESTED.has(kind) ? count : 0), 0);
  const total = made + folded.reduce((n, d) => n + d.samples - notMadeOn(d), 0);
  const answered = ok.length + folded.reduce((n, d) => n + d.ok, 0);
  const last = sorted.at(-1);
  const lastDay = folded.at(-1);
  const stride = Math.ceil(sorted.length / MAX_POINTS);
  // One point per folded day (its median, red when anything failed); failures are always kept: thinning must not hide an outage.
  const points = [
    ...folded.map((d) => ({ at: `${d.day}T12:00:00.000Z`, ms: d.p50 ?? 0, ok: d.ok === d.samples })),
    ...sorted.filter((s, i) => !s.ok || i % stride === 0 || i === sorted.length - 1).map((s) => ({ at: s.takenAt, ms: s.latencyMs, ok: s.ok })),
  ];
  return {
    id: endpoint.id,
    method: endpoint.method,
    path: endpoint.path,
    samples: total,
    ok: answered,
    uptime: total ? answered / total : null,
    p50: weightedPercentile(latencies, 0.5),
    p95: weightedPercentile(latencies, 0.95),
    last: last
      ? { at: last.takenAt, ok: last.ok, text: last.ok ? `HTTP ${last.status ?? '?'}` : `${last.errorKind ?? 'failed'}${last.status ? ` (HTTP ${last.status})` : ''}` }
      : lastDay
        ? { at: `${lastDay.day}T23:59:59.999Z`, ok: lastDay.ok === lastDay.samples, text: `${lastDay.ok} of ${lastDay.samples} answered that day` }
        : null,
    points,
  };
}

function isLive(d: DriftRecord): boolean {
  return (d.status === 'open' || d.status === 'acknowledged') && !d.suppressed;
}

export function driftCounts(drifts: readonly DriftRecord[]): Record<DriftStatus, number> & { breaking: number } {
  const count = (status: DriftStatus): number => drifts.filter((d) => d.status === status).length;
  return {
    open: count('open'),
    acknowledged: count('acknowledged'),
    accepted: count('accepted'),
    resolved: count('resolved'),
    breaking: drifts.filter((d) => isLive(d) && d.severity === 'breaking').length,
  };
}

export function healthOf(row: MapRow, drifts: readonly DriftRecord[], endpoints: readonly ReportEndpoint[]): { status: HealthStatus; text: string } {
  if (row.lastScan.status === 'never') return { status: 'never', text: 'never scanned: run `driftwatch scan`' };
  if (row.lastScan.status === 'failing') return { status: 'failing', text: `last scan: ${row.lastScan.detail}` };
  const live = drifts.filter(isLive);
  const findings = [...row.exposure.auth, ...row.exposure.ownership];
  const by = (severity: string): number => live.filter((d) => d.severity === severity).length;
  const counts = (['breaking', 'warning', 'info'] as const).filter((s) => by(s) > 0).map((s) => `${by(s)} ${s}`);
  const driftText = counts.length ? `${counts.join(', ')} drift${live.length === 1 ? '' : 's'} live` : 'no live drift';
  const findingText = findings.length ? `; ${findings.length} auth/ownership finding${findings.length === 1 ? '' : 's'}` : '';
  const text = `${driftText}${findingText}`;
  if (by('breaking') > 0 || findings.some((f) => f.severity === 'breaking')) return { status: 'breaking', text };
  if (live.some((d) => d.severity !== 'info') || findings.some((f) => f.severity === 'warning')) return { status: 'warning', text };
  const answered = endpoints.filter((e) => e.last?.ok).length;
  return { status: 'ok', text: live.length || findings.length ? text : `${answered} of ${endpoints.length} endpoints answered; no live drift` };
}

export function timelineOf(drifts: readonly DriftRecord[], since: string, until: string, closedAt: (d: DriftRecord) => string | null): ReportTimeline {
  const events: TimelineEvent[] = [];
  let openAtStart = 0;
  for (const d of drifts) {
    if (d.suppressed) continue;
    const closed = d.status === 'resolved' || d.status === 'accepted' ? closedAt(d) : null;
    const label = `${d.severity} ${d.rule} ${d.endpoint} ${d.path}`;
    if (d.firstSeenAt < since) {
      if (closed === null ? d.status === 'open' || d.status === 'acknowledged' : closed >= since) openAtStart++;
    } else if (d.firstSeenAt <= until) {
      events.push({ at: d.firstSeenAt, kind: 'opened', driftId: d.id, severity: d.severity, label });
    }
    if (closed !== null && closed >= since && closed <= until && (d.status === 'resolved' || d.status === 'accepted')) {
      events.push({ at: closed, kind: d.status, driftId: d.id, severity: d.severity, label });
    }
  }
  // Same instant: an opening comes before a closing, so the live count never dips below zero in between.
  const order = { opened: 0, accepted: 1, resolved: 2 } as const;
  events.sort((a, b) => a.at.localeCompare(b.at) || order[a.kind] - order[b.kind] || a.driftId - b.driftId);
  return { openAtStart, events };
}

export function ownersOf(connectors: readonly Connector[], registry: OwnersRegistry, now: Date): { owners: ReportOwner[]; reviews: ReportReview[] } {
  const owners = new Map<string, ReportOwner>();
  const reviews: ReportReview[] = [];
  const hasRegistry = registry.file !== undefined;
  const entry = (key: string, make: () => ReportOwner): ReportOwner => {
    const found = owners.get(key);
    if (found) return found;
    const created = make();
    owners.set(key, created);
    return created;
  };
  const addReason = (owner: ReportOwner, reason: string): void => {
    if (!owner.reasons.includes(reason)) owner.reasons.push(reason);
  };

  for (const connector of connectors) {
    const own = resolveOwnership(connector, registry);
    const everyDays = policyFor(registry, connector.name).reviewEveryDays;
    const reviewedAt = registry.connectors[connector.name]?.reviewedAt ?? null;
    const reviewed = reviewedAt ? new Date(reviewedAt) : null;
    const valid = reviewed !== null && !Number.isNaN(reviewed.getTime());
    const dueAt = valid ? new Date(reviewed.getTime() + everyDays * DAY_MS).toISOString() : null;
    const age = valid ? daysBetween(reviewed, now) : null;
    const status: ReportReview['status'] = age === null ? 'never' : age > everyDays ? 'overdue' : everyDays - age <= 30 ? 'due-soon' : 'ok';
    const ownerName = isPlaceholderName(own.ownerName) ? null : own.ownerName!;
    reviews.push({ connector: connector.name, owner: ownerName, reviewedAt: valid ? reviewedAt : null, everyDays, dueAt, status });

    if (ownerName !== null) {
      const person = own.owner;
      const owner = entry(person ? `id:${person.id}` : `name:${ownerName.toLowerCase()}`, () => ({
        name: person?.name ?? ownerName,
        kind: person?.kind ?? 'unregistered',
        contact: person ? (person.slack ?? person.email ?? null) : (connector.owner.slack ?? connector.owner.email ?? null),
        active: person ? person.active : null,
        roles: [],
        reasons: [],
      }));
      owner.roles.push({ connector: connector.name, role: 'system owner' });
      if (person && !person.active) addReason(owner, `inactive: ${connector.name} needs a new system owner`);
      if (!person && hasRegistry) addReason(owner, 'not in contracts/owners.yaml: nobody can check they are still here');
      if (status === 'never') addReason(owner, `ownership of ${connector.name} never reviewed`);
      if (status === 'overdue') addReason(owner, `ownership of ${connector.name} last reviewed ${reviewedAt!.slice(0, 10)} (every ${everyDays} days)`);
    }
    if (ownerName === null) {
      const nobody = entry('nobody', () => ({ name: 'No system owner', kind: 'nobody', contact: null, active: null, roles: [], reasons: [] }));
      addReason(nobody, `${connector.name} has no system owner: drift on it reaches nobody`);
    }
    if (!isPlaceholderName(own.dataOwnerName)) {
      const name = own.dataOwnerName!;
      const person = own.dataOwner;
      const owner = entry(person ? `id:${person.id}` : `name:${name.toLowerCase()}`, () => ({
        name: person?.name ?? name,
        kind: person?.kind ?? 'unregistered',
        contact: person ? (person.slack ?? person.email ?? null) : null,
        active: person ? person.active : null,
        roles: [],
        reasons: [],
      }));
      owner.roles.push({ connector: connector.name, role: 'data owner' });
      if (person && !person.active) addReason(owner, `inactive: ${connector.name} needs a new data owner`);
    }
  }
  // People by name; the "nobody" row last, where the eye lands after the names.
  const list = [...owners.values()].sort((a, b) => Number(a.kind === 'nobody') - Number(b.kind === 'nobody') || a.name.localeCompare(b.name));
  return { owners: list, reviews };
}
