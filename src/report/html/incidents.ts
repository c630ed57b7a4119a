// The report's incident history: drifts grouped by connector and rule, a few rows per group and a count of the rest,
// so a vendor release that opened hundreds of drifts stays a readable page.
import { esc, formatDuration, formatTime, inline, naturalCompare, plural, sev } from './html.js';
import type { ReportData, ReportIncident } from './report-data.js';
import { evidenceLabel } from '../format-value.js';
import { compareSeverity, worstSeverity } from '../../core/policy.js';

/** Rows shown per (connector, rule) group; the rest are counted, with the command that lists them. */
export const INCIDENTS_PER_GROUP = 5;
/** Rows shown in all; once spent, further groups show only their heading and count. */
export const INCIDENT_ROWS_MAX = 30;

export interface IncidentGroup {
  connector: string;
  rule: string;
  /** Live ones first (open, acknowledged), then the worst severity, then the newest. */
  incidents: ReportIncident[];
}

const LIVE = new Set(['open', 'acknowledged']);

function rowOrder(a: ReportIncident, b: ReportIncident): number {
  return (
    Number(LIVE.has(b.status)) - Number(LIVE.has(a.status)) ||
    compareSeverity(a.severity, b.severity) ||
    b.firstSeenAt.localeCompare(a.firstSeenAt) ||
    b.id - a.id
  );
}

/** Groups in connector order (natural), then the worst severity first, then rule id. */
export function groupIncidents(incidents: readonly ReportIncident[]): IncidentGroup[] {
  const groups = new Map<string, IncidentGroup>();
  for (const incident of incidents) {
    const key = `${incident.connector}\u0000${incident.rule}`;
    const group = groups.get(key) ?? { connector: incident.connector, rule: incident.rule, incidents: [] };
    group.incidents.push(incident);
    groups.set(key, group);
  }
  const worst = (g: IncidentGroup) => worstSeverity(g.incidents.map((i) => i.severity));
  const list = [...groups.values()];
  for (const group of list) group.incidents.sort(rowOrder);
  return list.sort((a, b) => naturalCompare(a.connector, b.connector) || compareSeverity(worst(a), worst(b)) || a.rule.localeCompare(b.rule));
}

/** Date over time of day: keeps narrow table columns from wrapping mid-timestamp. */
function when(iso: string | null): string {
  if (!iso) return '—';
  const text = formatTime(iso);
  return `<span class="nowrap">${esc(text.slice(0, 10))}</span><div class="small muted nowrap">${esc(text.slice(11))}</div>`;
}

/** The outage rule: its duration is downtime, and it ends when the endpoint answers again. */
const OUTAGE_RULE = 'endpoint-outage';

function resolution(incident: ReportIncident, generatedAt: string): string {
  const outage = incident.rule === OUTAGE_RULE;
  const live = `${outage ? 'down' : 'live'} ${formatDuration(incident.firstSeenAt, incident.closedAt ?? generatedAt)}`;
  switch (incident.status) {
    case 'resolved':
      return `<span class="status status-resolved">resolved</span> <span class="small nowrap">${esc(formatTime(incident.closedAt))}</span><div class="small muted">${outage ? 'answering again' : 'no longer seen'}; ${esc(live)}</div>`;
    case 'accepted':
      return `<span class="status status-accepted">accepted</span> <span class="small nowrap">${esc(formatTime(incident.closedAt))}</span><div class="small muted">new shape accepted into the snapshot; ${esc(live)}</div>`;
    case 'acknowledged':
      return `<span class="status status-acknowledged">acknowledged</span><div class="small muted">still seen <span class="nowrap">${esc(formatTime(incident.lastSeenAt))}</span>; ${esc(live)}</div>`;
    case 'open':
      return `<span class="status status-open">open</span><div class="small muted">last seen <span class="nowrap">${esc(formatTime(incident.lastSeenAt))}</span>; ${esc(live)}</div>`;
  }
}

function incidentRow(i: ReportIncident, generatedAt: string): string {
  return `<tr class="incident" data-drift="${esc(String(i.id))}" data-status="${esc(i.status)}">
<td class="num" data-label="Drift">#${esc(String(i.id))}<div class="small muted"><code class="fp" title="its whole story: driftwatch history ${esc(i.fingerprint)}">${esc(i.fingerprint)}</code></div></td>
<td data-label="Severity">${sev(i.severity)}${i.rule === OUTAGE_RULE ? '<div class="small outage">outage</div>' : ''}${i.suppressed ? '<div class="small muted">suppressed</div>' : ''}</td>
<td data-label="Connector"><b>${esc(i.connector)}</b><div class="small muted">${esc(i.endpoint)}</div></td>
<td data-label="What changed">${inline(i.message)}<div class="small muted"><code>${esc(i.path)}</code> · ${esc(i.rule)}${seenBy(i)}</div></td>
<td data-label="First seen">${when(i.firstSeenAt)}</td>
<td data-label="Resolution">${resolution(i, generatedAt)}</td>
<td data-label="Root cause">${i.note ? `<div class="note">${inline(i.note)}</div>` : i.severity === 'breaking' ? '<span class="missing">no root cause yet</span>' : '<span class="muted">—</span>'}</td>
</tr>`;
}

/** Who saw it: the finding's evidence sources, as a person says them. */
function seenBy(i: ReportIncident): string {
  const labels = [...new Set(i.evidence.map(evidenceLabel))];
  return labels.length > 0 ? `<div class="seen-by">seen by ${esc(labels.join(' · '))}</div>` : '';
}

function statusCounts(incidents: readonly ReportIncident[]): string {
  const counts = new Map<string, number>();
  for (const i of incidents) counts.set(i.status, (counts.get(i.status) ?? 0) + 1);
  return ['open', 'acknowledged', 'accepted', 'resolved']
    .filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${s}`)
    .join(', ');
}

export function renderIncidents(data: ReportData): string {
  const groups = groupIncidents(data.incidents);
  let budget = INCIDENT_ROWS_MAX;
  const bodies = groups.map((g) => {
    const shown = g.incidents.slice(0, Math.max(0, Math.min(INCIDENTS_PER_GROUP, budget)));
    budget -= shown.length;
    const rest = g.incidents.length - shown.length;
    const list = `<code>driftwatch history --connector ${esc(g.connector)} --rule ${esc(g.rule)}</code> lists them`;
    const counts = `${esc(plural(g.incidents.length, 'drift'))}: ${esc(statusCounts(g.incidents))}`;
    // A group past the row budget is one line: its heading, its counts and the command.
    const head = `<tr class="group-head"><th colspan="7"><b>${esc(g.connector)}</b> · <code>${esc(g.rule)}</code> <span class="muted">· ${counts}${shown.length ? '' : ` · not shown: ${list}`}</span></th></tr>`;
    const more = rest && shown.length ? `\n<tr class="incident-more"><td colspan="7">${rest} more not shown: ${list}</td></tr>` : '';
    return `<tbody class="incident-group" data-connector="${esc(g.connector)}" data-rule="${esc(g.rule)}" data-count="${g.incidents.length}">
${head}${shown.map((i) => `\n${incidentRow(i, data.generatedAt)}`).join('')}${more}
</tbody>`;
  });
  return `<section id="incidents" class="page">
<h2>Incident history</h2>
<p class="lead">Each drift and outage seen in the window, grouped by connector and rule (live ones first): when it was first seen, how it ended (an outage: how long the endpoint was down), and the root-cause note recorded with <code>driftwatch ack &lt;drift&gt; --note "..."</code>; <code>driftwatch history &lt;fingerprint&gt;</code> tells a row's whole story (who acknowledged, accepted or ignored it, and when).${
    data.incidents.length > INCIDENT_ROWS_MAX ? ` ${esc(plural(data.incidents.length, 'drift'))} in ${esc(plural(groups.length, 'group'))}: a few per group are shown, the rest counted.` : ''
  }</p>
${
  groups.length
    ? `<table class="incidents stack">
<colgroup><col style="width:10%"><col style="width:9%"><col style="width:11%"><col style="width:27%"><col style="width:9%"><col style="width:16%"><col style="width:18%"></colgroup>
<thead><tr><th class="num">Drift</th><th>Severity</th><th>Connector</th><th>What changed</th><th>First seen</th><th>Resolution</th><th>Root cause</th></tr></thead>
${bodies.join('\n')}
</table>`
    : '<p class="empty">No drift in this window.</p>'
}
</section>`;
}
