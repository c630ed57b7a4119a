// The drift timeline as a Markdown table, for a wiki page or an incident review.
import { formatValue, seenBy } from '../format-value.js';
import { markdownCell as cell, markdownCode as code } from '../markdown-cell.js';
import type { HistoryResult } from '../model/history.js';
import { emptyLine } from './text.js';

export function renderHistoryMarkdown(result: HistoryResult): string {
  if (result.drifts.length === 0) return `_${emptyLine(result)}_\n`;
  const rows = result.drifts.map(
    (d) =>
      `| ${d.id} | ${d.status}${d.suppressed ? ' (suppressed)' : ''} | ${d.severity} | ${cell(d.connector)} | ${cell(d.endpoint)} | ${code(d.rule)} | ${code(d.path)} | ` +
      `${cell(d.message)} | ${cell(formatValue(d.before))} → ${cell(formatValue(d.after))} | ${cell(seenBy(d.evidence))} | ${d.firstSeenAt} | ${d.lastSeenAt} | ${d.resolvedAt ?? ''} | ${cell(d.note ?? '')} |`,
  );
  return [
    '| # | status | severity | connector | endpoint | rule | path | message | before → after | seen by | first seen | last seen | resolved | note |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
