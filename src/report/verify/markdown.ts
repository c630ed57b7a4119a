// Markdown summary of `driftwatch verify` for pull requests ($GITHUB_STEP_SUMMARY): a table per connector, then the findings.
import type { Finding } from '../../core/model.js';
import { formatProblem } from '../../core/format-problem.js';
import { formatValue, notCounted, seenBy } from '../format-value.js';
import { markdownCell as cell, markdownCode as code } from '../markdown-cell.js';
import type { VerifyResult } from '../model/verify.js';
import type { RenderContext } from '../render.js';

const ICON = { passed: '✅', warning: '⚠️', failed: '❌', unchecked: '❔' } as const;


function findingLine(change: Finding): string {
  const why = notCounted(change);
  const state = why ? cell(why) : `**${change.severity}**`;
  const values = change.before !== undefined || change.after !== undefined ? ` — expected ${code(formatValue(change.before))}, actual ${code(formatValue(change.after))}` : '';
  return `- ${state} ${code(change.rule)} at ${code(change.path)}: ${cell(change.message)}${values}; seen by ${cell(seenBy(change.evidence))}`;
}

export function renderVerifyMarkdown(result: VerifyResult, { root }: Pick<RenderContext, 'root'>): string {
  const s = result.summary;
  const out: string[] = [];
  const verdict = s.failed > 0 ? '❌ contracts broken' : result.problems.length > 0 ? '⚠️ bad input' : '✅ contracts hold';
  out.push(`## driftwatch verify: ${verdict}`, '');
  out.push(
    `${s.interactions} interaction${s.interactions === 1 ? '' : 's'} checked (${result.mode === 'live' ? 'live' : 'replayed from accepted snapshots'}): ` +
      `${s.failed} broken, ${s.breaking} breaking, ${s.warning} warning${s.suppressed ? `, ${s.suppressed} suppressed` : ''}.`,
    '',
  );
  for (const problem of result.problems) out.push(`- ⚠️ ${cell(formatProblem(problem, root))}`);
  if (result.problems.length > 0) out.push('');
  for (const report of result.connectors) {
    out.push(`### ${report.connector.name}${report.connector.owner ? ` (owner: ${report.connector.owner.name})` : ''}`, '');
    out.push('| | interaction | request | findings |', '|---|---|---|---|');
    for (const i of report.interactions) {
      const live = i.changes.filter((c) => notCounted(c) === undefined).length;
      out.push(`| ${ICON[i.status]} | ${cell(i.description)} | ${code(`${i.method} ${i.path}`)} | ${live}${i.changes.length > live ? ` (+${i.changes.length - live} not counted)` : ''} |`);
    }
    out.push('');
    const findings = report.interactions.flatMap((i) => i.changes.map((c) => ({ i, c })));
    if (findings.length > 0) {
      for (const { i, c } of findings) out.push(`${findingLine(c)} (${cell(i.description)})`);
      out.push('');
    }
    for (const e of report.errors) out.push(`- error: ${cell(e.message)}`);
    if (report.errors.length > 0) out.push('');
  }
  return `${out.join('\n')}\n`;
}
