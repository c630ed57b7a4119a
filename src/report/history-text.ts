// The drift timeline for humans: newest activity first, one line per drift, with its lifetime.
import type { DriftRecord } from '../store/history-store.js';
import type { Style } from '../cli/io.js';
import { formatValue } from './format-value.js';

type Paint = (style: Style, text: string) => string;

const STATUS_STYLE: Record<DriftRecord['status'], Style> = { open: 'red', acknowledged: 'yellow', accepted: 'green', resolved: 'gray' };

export function renderHistoryText(drifts: readonly DriftRecord[], paint: Paint): string {
  if (drifts.length === 0) return 'no drift recorded\n';
  const out: string[] = [];
  for (const d of drifts) {
    const status = paint(STATUS_STYLE[d.status], d.status.padEnd(12));
    const severity = d.severity === 'breaking' ? paint('red', 'breaking') : d.severity.padEnd(8);
    out.push(`#${String(d.id).padEnd(4)} ${status} ${severity}  ${paint('bold', `${d.connector}/${d.endpoint}`)}  ${d.rule}  ${d.path}`);
    const life = `first seen ${d.firstSeenAt} (run #${d.firstSeenRun}), last seen ${d.lastSeenAt} (run #${d.lastSeenRun})`;
    const end = d.resolvedAt ? `, resolved ${d.resolvedAt}` : '';
    out.push(paint('gray', `      ${life}${end}`));
    out.push(paint('gray', `      ${formatValue(d.before)} → ${formatValue(d.after)}${d.note ? ` · note: ${d.note}` : ''} · ${d.fingerprint}`));
  }
  return `${out.join('\n')}\n`;
}

export function renderHistoryMarkdown(drifts: readonly DriftRecord[]): string {
  const rows = drifts.map(
    (d) =>
      `| ${d.id} | ${d.status} | ${d.severity} | ${d.connector} | ${d.endpoint} | \`${d.rule}\` | \`${d.path}\` | ${d.firstSeenAt} | ${d.lastSeenAt} | ${d.resolvedAt ?? ''} |`,
  );
  return [
    '| # | status | severity | connector | endpoint | rule | path | first seen | last seen | resolved |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
