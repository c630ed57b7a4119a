// Markdown output of `driftwatch diff`, for a pull-request comment.
import { findingTag, formatValue, notCounted, seenBy } from '../format-value.js';
import { markdownCell as cell, markdownCode as code } from '../markdown-cell.js';
import { outOfScopeLine, type SpecDiffReport } from '../model/spec-diff.js';

const ICON = { breaking: '🔴 breaking', warning: '🟡 warning', info: 'ℹ️ info', suppressed: '⚪ suppressed', accepted: '⚪ accepted' } as const;

export function renderSpecDiffMarkdown(report: SpecDiffReport): string {
  const { result } = report;
  const s = result.summary;
  const out: string[] = [];
  out.push(`### Spec diff${report.connector ? ` for connector \`${report.connector}\`` : ''}`);
  out.push('');
  out.push(`\`${report.before.source}\` ${report.before.version ?? ''} → \`${report.after.source}\` ${report.after.version ?? ''}`.trim());
  out.push('');
  out.push(`**${s.breaking} breaking**, ${s.warning} warning, ${s.info} info`);
  const rest = outOfScopeLine(report);
  if (rest) out.push('', `_${rest}_`);
  if (result.changes.length > 0) {
    out.push('', '| severity | operation | rule | change | before → after | seen by |', '|---|---|---|---|---|---|');
    for (const c of result.changes) {
      const why = notCounted(c);
      const note = why ? ` (${why})` : c.pinned ? ' (pinned by a contract)' : '';
      const place = c.endpoint === '*' ? '(document)' : c.reaches ? `${c.endpoint} (reaches ${c.reaches.length}: ${c.reaches.slice(0, 3).join(', ')}${c.reaches.length > 3 ? ', …' : ''})` : c.endpoint;
      out.push(
        `| ${ICON[findingTag(c)]} | ${cell(place)} | ${code(c.rule)} | ${cell(c.message + note)} | ` +
          `${cell(formatValue(c.before))} → ${cell(formatValue(c.after))} | ${cell(seenBy(c.evidence))} |`,
      );
    }
  }
  for (const note of result.notJudged) out.push('', `_not judged: ${cell(note)}_`);
  return `${out.join('\n')}\n`;
}
