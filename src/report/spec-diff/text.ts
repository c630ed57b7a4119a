// Human output of `driftwatch diff`: changes grouped by operation, breaking first; the out-of-scope rest in one line.
import type { Finding, Severity } from '../../core/model.js';
import { compareSeverity, worstSeverity } from '../../core/policy.js';
import { evidenceLines, formatValue, notCounted } from '../format-value.js';
import { outOfScopeLine, type SpecDiffReport, type SpecMeta } from '../model/spec-diff.js';
import type { Style } from '../paint.js';
import type { RenderContext } from '../render.js';

const LABEL: Record<Severity, { text: string; style: Style }> = {
  breaking: { text: 'BREAKING', style: 'red' },
  warning: { text: 'warning ', style: 'yellow' },
  info: { text: 'info    ', style: 'cyan' },
};
/** Past this many info lines in one operation the rest is counted: a new field is rarely news. */
const INFO_LINES = 5;

function describeSpec(meta: SpecMeta): string {
  const name = [meta.title, meta.version].filter(Boolean).join(' ');
  return name ? `${meta.source} (${name})` : meta.source;
}

/** `reaches 3 operations: GET /a, GET /b, POST /c` (the first few named). */
function reachLine(reaches: readonly string[]): string {
  const named = reaches.slice(0, 3).join(', ');
  return `reaches ${reaches.length} operation${reaches.length === 1 ? '' : 's'}: ${named}${reaches.length > 3 ? ', …' : ''}`;
}

export function renderSpecDiffText(report: SpecDiffReport, { paint }: Pick<RenderContext, 'paint'>): string {
  const { result } = report;
  const out: string[] = [];
  out.push(`${paint('gray', 'old')} ${describeSpec(report.before)}`);
  out.push(`${paint('gray', 'new')} ${describeSpec(report.after)}`);
  if (report.connector) {
    const used = report.endpoints?.filter((e) => e.operation).length ?? 0;
    out.push(`${paint('gray', 'scope')} connector ${paint('bold', report.connector)}: ${used} operation${used === 1 ? '' : 's'} it samples`);
    for (const e of report.endpoints ?? []) {
      out.push(paint('gray', `  ${e.id}: ${e.method} ${e.path} -> ${e.operation ?? 'no operation in the old spec'}`));
    }
  } else {
    out.push(`${paint('gray', 'scope')} all operations (${result.operations.before} before, ${result.operations.after} after)`);
  }
  out.push('');

  const groups = new Map<string, Finding[]>();
  for (const change of result.changes) {
    const key = change.endpoint === '*' ? '(whole document)' : change.endpoint;
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  const ordered = [...groups].sort(
    ([a, x], [b, y]) => compareSeverity(worstSeverity(x.map((c) => c.severity)), worstSeverity(y.map((c) => c.severity))) || a.localeCompare(b),
  );
  for (const [operation, changes] of ordered) {
    const reaches = [...new Set(changes.flatMap((c) => c.reaches ?? []))].sort();
    out.push(reaches.length > 0 ? `${paint('bold', operation)} ${paint('gray', reachLine(reaches))}` : paint('bold', operation));
    let infos = 0;
    for (const change of changes) {
      if (change.severity === 'info' && ++infos > INFO_LINES) continue;
      const label = LABEL[change.severity];
      const why = notCounted(change);
      const tag = change.suppressed ? paint('gray', 'ignored ') : change.accepted ? paint('gray', 'accepted') : paint(label.style, label.text);
      const note = why ? paint('gray', ` (${why})`) : change.pinned ? paint('gray', ' (pinned by a contract)') : '';
      out.push(`  ${tag} ${change.message}${note} ${paint('gray', `[${change.rule}]`)}`);
      // Info lines stay one line each; what matters more shows its values and who saw it.
      if (change.severity === 'info') continue;
      if (change.before !== undefined || change.after !== undefined) out.push(paint('gray', `           before: ${formatValue(change.before)}  →  after: ${formatValue(change.after)}`));
      for (const line of evidenceLines(change)) out.push(paint('gray', `           ${line}`));
    }
    if (infos > INFO_LINES) out.push(paint('gray', `  … and ${infos - INFO_LINES} more info changes (--format json lists them)`));
  }
  if (result.changes.length === 0) out.push(paint('green', report.connector ? 'no changes in the operations this connector uses' : 'no changes'));
  out.push('');
  const s = result.summary;
  // Operations touched: a component's findings count once for each operation they reach.
  const ops = new Set(result.changes.flatMap((c) => c.reaches ?? (c.endpoint === '*' ? [] : [c.endpoint]))).size;
  out.push(
    `${paint(s.breaking > 0 ? 'red' : 'green', `${s.breaking} breaking`)}, ${s.warning} warning, ${s.info} info` +
      (ops > 0 ? ` in ${ops} operation${ops === 1 ? '' : 's'}` : ''),
  );
  const rest = outOfScopeLine(report);
  if (rest) out.push(paint('gray', rest));
  if (result.unknownOperations.length > 0) out.push(paint('yellow', `not in either spec: ${result.unknownOperations.join(', ')}`));
  for (const note of result.notJudged) out.push(paint('yellow', `not judged: ${note}`));
  return `${out.join('\n')}\n`;
}
