// Markdown output of `driftwatch diff`, for a pull-request comment.
import type { Severity } from '../core/model.js';
import { outOfScopeLine, type SpecDiffReport } from './spec-diff-model.js';
import { markdownCell as cell } from './markdown-cell.js';

const ICON: Record<Severity, string> = { breaking: '🔴 breaking', warning: '🟡 warning', info: 'ℹ️ info' };

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
    out.push('', '| severity | operation | rule | change |', '|---|---|---|---|');
    for (const c of result.changes) {
      const note = c.suppressed ? ` (suppressed: ${c.suppressed.reason})` : c.pinned ? ' (pinned by a contract)' : '';
      const place = c.endpoint === '*' ? '(document)' : c.reaches ? `${c.endpoint} (reaches ${c.reaches.length}: ${c.reaches.slice(0, 3).join(', ')}${c.reaches.length > 3 ? ', …' : ''})` : c.endpoint;
      out.push(`| ${ICON[c.severity]} | ${cell(place)} | \`${c.rule}\` | ${cell(c.message + note)} |`);
    }
  }
  for (const note of result.notJudged) out.push('', `_not judged: ${cell(note)}_`);
  return `${out.join('\n')}\n`;
}
