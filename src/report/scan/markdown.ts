// Markdown summary of a scan, for a pull request comment or $GITHUB_STEP_SUMMARY: every finding with its message.
import { findingTag, formatValue, notCounted, seenBy } from '../format-value.js';
import { markdownCell as cell, markdownCode as code } from '../markdown-cell.js';
import type { ScanResult } from '../model/scan.js';

const ICON = { breaking: '🔴', warning: '🟠', info: '🔵', suppressed: '⚪', accepted: '⚪' } as const;

export function renderScanMarkdown(result: ScanResult): string {
  const s = result.summary;
  const out = [`## driftwatch scan · run #${result.runId}`, '', `**${s.breaking} breaking**, ${s.warning} warning, ${s.info} info, ${s.errors} error(s)`, ''];
  const changes = result.changes;
  if (changes.length > 0) {
    out.push('| | connector | endpoint | rule | path | message | before → after | seen by | |', '|---|---|---|---|---|---|---|---|---|');
    for (const c of changes) {
      const tag = findingTag(c);
      const note = notCounted(c) ?? (c.pinned ? 'pinned by a contract' : '');
      out.push(
        `| ${ICON[tag]} ${tag} | ${cell(c.connector)} | ${cell(c.endpoint)} | ${code(c.rule)} | ${code(c.path)} | ${cell(c.message)} | ` +
          `${cell(formatValue(c.before))} → ${cell(formatValue(c.after))} | ${cell(seenBy(c.evidence))} | ${cell(note)} |`,
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
    for (const n of result.notices) out.push(`- ${cell(`${n.connector}/${n.endpoint}: ${n.message}`)}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
