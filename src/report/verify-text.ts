// Human output of `driftwatch verify`: one block per connector, one line per interaction, its findings under it.
import { relative } from 'node:path';
import type { VerifyResult, InteractionResult } from '../app/verify.js';
import type { Finding } from '../core/model.js';
import { formatProblem } from '../config/format-problem.js';
import type { Style } from '../cli/io.js';
import { formatValue, plural } from './format-value.js';

type Paint = (style: Style, text: string) => string;

const MARK: Record<InteractionResult['status'], { text: string; style: Style }> = {
  passed: { text: 'ok  ', style: 'green' },
  warning: { text: 'warn', style: 'yellow' },
  failed: { text: 'FAIL', style: 'red' },
};

export function renderVerifyText(result: VerifyResult, paint: Paint, root: string): string {
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
    ...(s.suppressed ? [`${s.suppressed} suppressed`] : []),
    ...(s.errors ? [plural(s.errors, 'error')] : []),
    ...(result.problems.length ? [plural(result.problems.length, 'problem')] : []),
  ];
  out.push(totals.join(', '));
  return `${out.join('\n')}\n`;
}

function renderFinding(change: Finding, paint: Paint): string[] {
  const style: Style = change.suppressed ? 'gray' : change.severity === 'breaking' ? 'red' : change.severity === 'warning' ? 'yellow' : 'cyan';
  const label = change.suppressed ? 'suppressed' : change.severity;
  const lines = [`        ${paint(style, label)}  ${paint('bold', change.rule)}  ${change.path}`, `          ${change.message}`];
  if (change.before !== undefined || change.after !== undefined) {
    lines.push(paint('gray', `          expected: ${formatValue(change.before)}  actual: ${formatValue(change.after)}`));
  }
  if (change.suppressed) {
    const by = change.suppressed.acceptedBy ? ` by ${change.suppressed.acceptedBy}` : '';
    const until = change.suppressed.expires ? ` until ${change.suppressed.expires}` : '';
    lines.push(paint('gray', `          ignored${by}${until}: ${change.suppressed.reason}`));
  }
  return lines;
}
