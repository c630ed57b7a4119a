// The drift timeline for humans: newest activity first, one block per drift, with its lifetime and who saw it.
import type { DriftRecord } from '../../store/history-store.js';
import { formatValue, seenBy } from '../format-value.js';
import type { HistoryResult } from '../model/history.js';
import type { Style } from '../paint.js';
import type { RenderContext } from '../render.js';

const STATUS_STYLE: Record<DriftRecord['status'], Style> = { open: 'red', acknowledged: 'yellow', accepted: 'green', resolved: 'gray' };

export function renderHistoryText(result: HistoryResult, { paint }: Pick<RenderContext, 'paint'>): string {
  if (result.drifts.length === 0) return `${emptyLine(result)}\n`;
  const out: string[] = [];
  for (const d of result.drifts) {
    const status = paint(STATUS_STYLE[d.status], d.status.padEnd(12));
    const severity = d.severity === 'breaking' ? paint('red', 'breaking') : d.severity.padEnd(8);
    const suppressed = d.suppressed ? paint('gray', '  (suppressed by an ignore entry)') : '';
    out.push(`#${String(d.id).padEnd(4)} ${status} ${severity}  ${paint('bold', `${d.connector}/${d.endpoint}`)}  ${d.rule}  ${d.path}${suppressed}`);
    out.push(`      ${d.message}`);
    const life = `first seen ${d.firstSeenAt} (run #${d.firstSeenRun}), last seen ${d.lastSeenAt} (run #${d.lastSeenRun})`;
    const end = d.resolvedAt ? `, resolved ${d.resolvedAt}` : '';
    out.push(paint('gray', `      ${life}${end}`));
    out.push(paint('gray', `      ${formatValue(d.before)} → ${formatValue(d.after)}${d.note ? ` · note: ${d.note}` : ''} · ${d.fingerprint}`));
    if (d.evidence.length > 0) out.push(paint('gray', `      seen by: ${seenBy(d.evidence)}`));
  }
  return `${out.join('\n')}\n`;
}

/** "No drift" is not the same news as "nothing matches your filter". */
export function emptyLine(result: HistoryResult): string {
  const f = result.filter;
  const filters = [f.connector && `connector ${f.connector}`, f.rule && `rule ${f.rule}`, f.status && `status ${f.status}`].filter(Boolean);
  return filters.length > 0 ? `no drift matches ${filters.join(', ')}` : 'no drift recorded';
}
