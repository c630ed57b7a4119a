// Human output of a scan: one block per connector, breaking first, colour only when the painter has it.
import type { Finding, ScanError, Severity } from '../../core/model.js';
import { compareSeverity } from '../../core/policy.js';
import type { ScanResult } from '../model/scan.js';
import type { Paint, Style } from '../paint.js';
import type { RenderContext } from '../render.js';
import { evidenceLines, formatValue, notCounted, plural } from '../format-value.js';

const LABEL: Record<Severity, { text: string; style: Style }> = {
  breaking: { text: 'BREAKING', style: 'red' },
  warning: { text: 'warning ', style: 'yellow' },
  info: { text: 'info    ', style: 'cyan' },
};

export function renderScanText(result: ScanResult, { paint }: Pick<RenderContext, 'paint'>): string {
  const out: string[] = [];
  const names = new Set<string>([...result.connectors.map((c) => c.connector.name), ...result.errors.map((e) => e.connector)]);
  for (const name of [...names].sort()) {
    const report = result.connectors.find((c) => c.connector.name === name);
    const changes = result.changes.filter((c) => c.connector === name).sort(bySeverityThenPath);
    const errors = result.errors.filter((e) => e.connector === name);
    const notices = result.notices.filter((e) => e.connector === name);
    const vendor = report?.connector.vendor ? ` (${report.connector.vendor})` : '';
    // Webhook deliveries (ingest, receive) are samples of `event:<type>` places: say what they are.
    const answered = report?.outcomes.filter((o) => o.ok) ?? [];
    const deliveries = answered.filter((o) => o.ok && o.sample.endpoint.startsWith('event:')).length;
    const sampled = !report
      ? 'not scanned'
      : deliveries > 0
        ? `${deliveries} webhook deliver${deliveries === 1 ? 'y' : 'ies'} judged`
        : `${plural(answered.length, 'endpoint')} answered`;
    out.push(paint('bold', `${name}${vendor}`) + paint('gray', ` · ${sampled}`));
    if (changes.length === 0 && errors.length === 0 && notices.length === 0) out.push(paint('green', '  no drift'));
    for (const change of changes) out.push(...renderChange(change, paint));
    for (const error of errors) out.push(renderError(error, paint));
    for (const notice of notices) out.push(`  ${paint('gray', 'note    ')}  ${notice.endpoint}: ${notice.message}`);
    out.push('');
  }
  const s = result.summary;
  const suppressed = result.changes.filter((c) => c.suppressed).length;
  const accepted = result.changes.filter((c) => c.accepted && !c.suppressed).length;
  const totals = [
    paint(s.breaking ? 'red' : 'green', `${s.breaking} breaking`),
    `${s.warning} warning`,
    `${s.info} info`,
    `${plural(s.errors, 'error')}`,
    ...(suppressed ? [`${suppressed} suppressed`] : []),
    ...(accepted ? [`${accepted} accepted`] : []),
  ];
  out.push(`${totals.join(', ')} · run #${result.runId}`);
  return `${out.join('\n')}\n`;
}

function renderChange(change: Finding, paint: Paint): string[] {
  const label = LABEL[change.severity];
  const tag = change.suppressed ? paint('gray', 'ignored ') : change.accepted ? paint('gray', 'accepted') : paint(label.style, label.text);
  const lines = [`  ${tag}  ${paint('bold', change.rule)}  ${change.endpoint}  ${change.path}`];
  lines.push(`            ${change.message}`);
  if (change.before !== undefined || change.after !== undefined) {
    lines.push(paint('gray', `            before: ${formatValue(change.before)}  →  after: ${formatValue(change.after)}`));
  }
  for (const line of evidenceLines(change)) lines.push(paint('gray', `            ${line}`));
  if (change.pinned === true) lines.push(paint('gray', '            pinned by a consumer contract'));
  const why = notCounted(change);
  if (why) lines.push(paint('gray', `            ${why}`));
  return lines;
}

function renderError(error: ScanError, paint: Paint): string {
  return `  ${paint('red', 'error   ')}  ${error.endpoint}  ${paint('bold', error.kind)}: ${error.message}`;
}

function bySeverityThenPath(a: Finding, b: Finding): number {
  return compareSeverity(a.severity, b.severity) || a.endpoint.localeCompare(b.endpoint) || a.path.localeCompare(b.path);
}
