// Human output of `driftwatch verify`: one block per connector, one line per interaction, its findings under it.
import { relative } from 'node:path';
import type { Finding } from '../../core/model.js';
import { formatProblem } from '../../core/format-problem.js';
import { evidenceLines, findingTag, formatValue, notCounted, plural } from '../format-value.js';
import type { InteractionResult, VerifyResult } from '../model/verify.js';
import type { Paint, Style } from '../paint.js';
import type { RenderContext } from '../render.js';

const MARK: Record<InteractionResult['status'], { text: string; style: Style }> = {
  passed: { text: 'ok  ', style: 'green' },
  warning: { text: 'warn', style: 'yellow' },
  failed: { text: 'FAIL', style: 'red' },
  unchecked: { text: '????', style: 'yellow' },
};

export function renderVerifyText(result: VerifyResult, { paint, root }: Pick<RenderContext, 'paint' | 'root'>): string {
  const out: string[] = [];
  for (const problem of result.problems) out.push(`${paint('red', 'problem')}  ${formatProblem(problem, root)}`);
  if (result.problems.length > 0) out.push('');
  for (const report of result.connectors) {
    const pacts = report.pacts.map((p) => relative(root, p) || p).join(', ');
    out.push(paint('bold', report.connector.name) + paint('gray', ` · ${result.mode === 'live' ? `live against ${report.connector.baseUrl}` : 'replayed from accepted snapshots'} · ${pacts}`));
    for (const interaction of report.interactions) {
      const mark = MARK[interaction.status];
      out.push(`  ${paint(mark.style, mark.text)}  ${interaction.description}  ${paint('gray', `${interaction.method} ${interaction.path}`)}`);
      for (const change of interaction.changes) out.push(...renderFinding(change, paint));
      for (const why of interaction.skipped) out.push(paint('gray', `        skipped ${why}`));
    }
    for (const error of report.errors) out.push(`  ${paint('red', 'error')}  ${error.message}`);
    out.push('');
  }
  const s = result.summary;
  const totals = [
    paint(s.failed ? 'red' : 'green', `${s.failed} of ${plural(s.interactions, 'interaction')} broken`),
    `${s.breaking} breaking`,
    `${s.warning} warning`,
    ...(s.unchecked ? [paint('yellow', `${s.unchecked} unchecked`)] : []),
    ...(s.suppressed ? [`${s.suppressed} suppressed`] : []),
    ...(s.errors ? [plural(s.errors, 'error')] : []),
    ...(result.problems.length ? [plural(result.problems.length, 'problem')] : []),
  ];
  out.push(totals.join(', '));
  return `${out.join('\n')}\n`;
}

function renderFinding(change: Finding, paint: Paint): string[] {
  const tag = findingTag(change);
  const style: Style = tag === 'breaking' ? 'red' : tag === 'warning' ? 'yellow' : tag === 'info' ? 'cyan' : 'gray';
  const lines = [`        ${paint(style, tag)}  ${paint('bold', change.rule)}  ${change.path}`, `          ${change.message}`];
  if (change.before !== undefined || change.after !== undefined) {
    lines.push(paint('gray', `          expected: ${formatValue(change.before)}  actual: ${formatValue(change.after)}`));
  }
  for (const line of evidenceLines(change)) lines.push(paint('gray', `          ${line}`));
  const why = notCounted(change);
  if (why) lines.push(paint('gray', `          ${why}`));
  return lines;
}
