// Markdown summary of a scan, for a pull request comment or $GITHUB_STEP_SUMMARY.
import type { ScanResult } from '../app/scan.js';
import { formatValue } from './format-value.js';
import { markdownCell as cell } from './markdown-cell.js';

const ICON = { breaking: '🔴', warning: '🟠', info: '🔵' } as const;

export function renderScanMarkdown(result: ScanResult): string {
  const s = result.summary;
  const out = [
    `## driftwatch scan · run #${result.runId}`,
    '',
    `**${s.breaking} breaking**, ${s.warning} warning, ${s.info} info, ${s.errors} error(s)`,
    '',
  ];
  const changes = result.changes;
  if (changes.length > 0) {
    out.push('| | connector | endpoint | rule | path | before → after | |', '|---|---|---|---|---|---|---|');
    for (const c of changes) {
      const note = c.suppressed ? `suppressed: ${c.suppressed.reason}` : c.pinned ? 'pinned by a contract' : '';
      out.push(
        `| ${ICON[c.severity]} ${c.severity} | ${cell(c.connector)} | ${cell(c.endpoint)} | \`${c.rule}\` | \`${cell(c.path)}\` | ${cell(formatValue(c.before))} → ${cell(formatValue(c.after))} | ${cell(note)} |`,
      );
    }
    out.push('');
  } else {
    out.push('No drift.', '');
  }
  if (result.errors.length > 0) {
    out.push('### Errors', '', '| connector | endpoint | kind | message |', '|---|---|---|---|');
    for (const e of result.errors) out.push(`| ${cell(e.connector)} | ${cell(e.endpoint)} | ${e.kind} | ${cell(e.message)} |`);
    out.push('');
  }
  if (result.notices.length > 0) {
    out.push('### Notes', '');
    for (const n of result.notices) out.push(`- ${n.connector}/${n.endpoint}: ${n.message}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
