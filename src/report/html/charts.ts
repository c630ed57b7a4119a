// The report's small charts as inline SVG: the drift timeline, latency sparklines and uptime bars.
import { compareSeverity } from '../../core/policy.js';
import type { ReportEndpoint, ReportTimeline, TimelineEvent, TimelineEventKind } from './report-data.js';
import { esc, formatDate, formatMs, formatPercent, formatTime, num, plain } from './html.js';
import { ACCEPTED_COLOR, RESOLVED_COLOR, SEVERITY_COLOR } from './palette.js';

/** Drawn at 1:1 at least (styles.ts): its smallest text is 10 px. */
export const TIMELINE_WIDTH = 1000;
const TL = { width: TIMELINE_WIDTH, height: 176, left: 92, right: 984, stepTop: 14, stepBottom: 70, axis: 164 };
const LANES: ReadonlyArray<{ kind: TimelineEventKind; label: string; y: number }> = [
  { kind: 'opened', label: 'opened', y: 92 },
  { kind: 'accepted', label: 'accepted', y: 114 },
  { kind: 'resolved', label: 'resolved', y: 136 },
];

/**
 * Live drifts over the window as a step line, and one lane per event kind below it. Events closer than a few
 * pixels merge into one marker with a count, so a release that opens nine drifts at once stays readable.
 */
export function renderTimeline(timeline: ReportTimeline, window: { since: string; until: string }, title: string): string {
  const start = Date.parse(window.since);
  const end = Math.max(Date.parse(window.until), start + 1);
  const x = (iso: string): number => TL.left + ((clamp(Date.parse(iso), start, end) - start) / (end - start)) * (TL.right - TL.left);

  const steps: Array<{ x: number; count: number }> = [{ x: TL.left, count: timeline.openAtStart }];
  let live = timeline.openAtStart;
  for (const event of timeline.events) {
    live = Math.max(0, live + (event.kind === 'opened' ? 1 : -1));
    steps.push({ x: x(event.at), count: live });
  }
  const peak = Math.max(1, ...steps.map((s) => s.count));
  const y = (count: number): number => TL.stepBottom - (count / peak) * (TL.stepBottom - TL.stepTop);
  let line = `M${num(TL.left)} ${num(y(steps[0]!.count))}`;
  for (const step of steps.slice(1)) line += ` H${num(step.x)} V${num(y(step.count))}`;
  line += ` H${num(TL.right)}`;
  const area = `${line} V${num(TL.stepBottom)} H${num(TL.left)} Z`;

  const out: string[] = [
    `<svg class="timeline" role="img" aria-label="${esc(title)}" viewBox="0 0 ${TL.width} ${TL.height}" width="${TL.width}" height="${TL.height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${esc(title)}</title>`,
    `<g font-size="11" fill="#57606a">`,
    `<text x="${TL.left - 10}" y="${num(y(peak) + 4)}" text-anchor="end">${peak}</text>`,
    `<text x="${TL.left - 10}" y="${TL.stepBottom + 4}" text-anchor="end">0</text>`,
    `<text x="8" y="${num((TL.stepTop + TL.stepBottom) / 2 + 4)}">live drifts</text>`,
    `</g>`,
    `<line x1="${TL.left}" y1="${TL.stepBottom}" x2="${TL.right}" y2="${TL.stepBottom}" stroke="#d0d7de"/>`,
    `<path class="live" d="${area}" fill="#ffebe9" stroke="none"/>`,
    `<path d="${line}" fill="none" stroke="#cf222e" stroke-width="1.5"/>`,
  ];
  for (const lane of LANES) {
    out.push(
      `<text x="8" y="${lane.y + 4}" font-size="11" fill="#57606a">${lane.label}</text>`,
      `<line x1="${TL.left}" y1="${lane.y}" x2="${TL.right}" y2="${lane.y}" stroke="#eaeef2" stroke-dasharray="2 3"/>`,
    );
    for (const group of groupByPixel(timeline.events.filter((e) => e.kind === lane.kind), x)) {
      out.push(marker(group.x, lane.y, group.events));
    }
  }
  const ticks = [new Date(start).toISOString(), new Date((start + end) / 2).toISOString(), new Date(end).toISOString()];
  // Days apart: dates say enough. A young history (a demo, a first week) needs the time of day too.
  const tickText = end - start >= 3 * 86_400_000 ? formatDate : (iso: string): string => formatTime(iso).slice(5, 16);
  out.push(`<g font-size="11" fill="#57606a">`);
  ticks.forEach((tick, i) => {
    const anchor = i === 0 ? 'start' : i === 2 ? 'end' : 'middle';
    out.push(`<text x="${num(x(tick))}" y="${TL.axis}" text-anchor="${anchor}">${esc(tickText(tick))}</text>`);
  });
  out.push('</g>');
  if (timeline.events.length === 0) {
    const text = timeline.openAtStart > 0 ? `${timeline.openAtStart} drift(s) live all window; nothing opened or closed` : 'No drift in this window';
    out.push(`<text x="${num((TL.left + TL.right) / 2)}" y="${num(TL.stepTop + 26)}" text-anchor="middle" font-size="12" fill="#57606a">${esc(text)}</text>`);
  }
  out.push('</svg>');
  return out.join('\n');
}

function groupByPixel(events: readonly TimelineEvent[], x: (iso: string) => number): Array<{ x: number; events: TimelineEvent[] }> {
  const groups: Array<{ x: number; events: TimelineEvent[] }> = [];
  for (const event of events) {
    const at = x(event.at);
    const last = groups.at(-1);
    if (last && Math.abs(at - last.x) < 10) last.events.push(event);
    else groups.push({ x: at, events: [event] });
  }
  return groups;
}


function marker(x: number, y: number, events: readonly TimelineEvent[]): string {
  const first = events[0]!;
  const worst = [...events].sort((a, b) => compareSeverity(a.severity, b.severity))[0]!;
  const color = first.kind === 'opened' ? SEVERITY_COLOR[worst.severity] : first.kind === 'accepted' ? ACCEPTED_COLOR : RESOLVED_COLOR;
  const lines = events.map((e) => `#${e.driftId} ${e.kind} ${formatTime(e.at)}: ${plain(e.label)}`);
  const shown = lines.length > 12 ? [...lines.slice(0, 12), `… and ${lines.length - 12} more`] : lines;
  const r = events.length > 1 ? 8 : 5.5;
  return [
    `<g class="event event-${first.kind}">`,
    `<title>${esc(shown.join('\n'))}</title>`,
    `<circle cx="${num(x)}" cy="${y}" r="${r}" fill="${color}" stroke="#fff" stroke-width="1.5"/>`,
    events.length > 1 ? `<text x="${num(x)}" y="${y + 3.5}" text-anchor="middle" font-size="10" font-weight="700" fill="#fff">${events.length}</text>` : '',
    `</g>`,
  ].join('');
}

const SPARK = { width: 180, height: 34, pad: 3 };

/** Latency of each sample over the window; failures as red ticks on the baseline. */
export function renderSparkline(endpoint: ReportEndpoint, window: { since: string; until: string }): string {
  const start = Date.parse(window.since);
  const end = Math.max(Date.parse(window.until), start + 1);
  const x = (iso: string): number => SPARK.pad + ((clamp(Date.parse(iso), start, end) - start) / (end - start)) * (SPARK.width - 2 * SPARK.pad);
  const answered = endpoint.points.filter((p) => p.ok);
  const max = Math.max(1, ...answered.map((p) => p.ms));
  const y = (ms: number): number => SPARK.height - SPARK.pad - (ms / max) * (SPARK.height - 2 * SPARK.pad - 4);
  const label = `Latency of ${endpoint.id}: p50 ${formatMs(endpoint.p50)}, p95 ${formatMs(endpoint.p95)}, ${endpoint.samples - endpoint.ok} failed of ${endpoint.samples}`;
  const out = [
    `<svg class="spark" role="img" aria-label="${esc(label)}" viewBox="0 0 ${SPARK.width} ${SPARK.height}" width="${SPARK.width}" height="${SPARK.height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${esc(label)}</title>`,
    `<line x1="0" y1="${SPARK.height - SPARK.pad}" x2="${SPARK.width}" y2="${SPARK.height - SPARK.pad}" stroke="#d0d7de"/>`,
  ];
  if (endpoint.p95 !== null) {
    out.push(`<line x1="0" y1="${num(y(endpoint.p95))}" x2="${SPARK.width}" y2="${num(y(endpoint.p95))}" stroke="#bf8700" stroke-dasharray="3 3" stroke-width="1"/>`);
  }
  if (answered.length > 1) {
    out.push(`<polyline points="${answered.map((p) => `${num(x(p.at))},${num(y(p.ms))}`).join(' ')}" fill="none" stroke="#0969da" stroke-width="1.5"/>`);
  }
  for (const p of answered.length <= 1 ? answered : []) out.push(`<circle cx="${num(x(p.at))}" cy="${num(y(p.ms))}" r="2.5" fill="#0969da"/>`);
  for (const p of endpoint.points.filter((q) => !q.ok)) {
    out.push(`<line x1="${num(x(p.at))}" y1="${SPARK.height - SPARK.pad}" x2="${num(x(p.at))}" y2="${SPARK.height - SPARK.pad - 10}" stroke="#cf222e" stroke-width="2"/>`);
  }
  out.push('</svg>');
  return out.join('');
}

/** A small horizontal bar: green at 99.9% and up, amber at 99% and up, red below. */
export function renderUptimeBar(uptime: number | null): string {
  const width = 96;
  const filled = uptime === null ? 0 : uptime * width;
  const color = uptime === null ? '#d0d7de' : uptime >= 0.999 ? '#1a7f37' : uptime >= 0.99 ? '#bf8700' : '#cf222e';
  return [
    `<svg class="bar" role="img" aria-label="uptime ${esc(formatPercent(uptime))}" viewBox="0 0 ${width} 10" width="${width}" height="10" xmlns="http://www.w3.org/2000/svg">`,
    `<rect x="0" y="0" width="${width}" height="10" rx="3" fill="#eaeef2"/>`,
    `<rect x="0" y="0" width="${num(filled)}" height="10" rx="3" fill="${color}"/>`,
    `</svg>`,
  ].join('');
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
