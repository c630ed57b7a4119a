// The integration map for a terminal: one block per connector, gaps and findings called out.
import type { IntegrationMap, MapFinding, MapRow } from '../model/map.js';
import type { Paint, Style } from '../paint.js';
import type { RenderContext } from '../render.js';

const LABELS: ReadonlyArray<[keyof Pick<MapRow, 'systemOwner' | 'dataOwner' | 'auth' | 'failureMode' | 'businessProcess'>, string]> = [
  ['systemOwner', 'system owner'],
  ['dataOwner', 'data owner'],
  ['auth', 'authenticates'],
  ['failureMode', 'how it fails'],
  ['businessProcess', 'what dies'],
];

export function renderMapText(map: IntegrationMap, { paint }: Pick<RenderContext, 'paint'>): string {
  if (map.rows.length === 0) return 'no connectors found under contracts/\n';
  const out: string[] = [];
  for (const row of map.rows) {
    const gapNote = row.gaps.length > 0 ? paint('yellow', `  (${row.gaps.length} gap${row.gaps.length === 1 ? '' : 's'})`) : '';
    out.push(`${paint('bold', row.connector)}${row.vendor ? ` · ${row.vendor}` : ''}${gapNote}`);
    for (const [key, label] of LABELS) {
      const value = row[key];
      out.push(`  ${label.padEnd(14)} ${value === null ? paint('yellow', 'MISSING') : value}`);
    }
    out.push(`  ${'channel'.padEnd(14)} ${row.channel ?? paint('yellow', 'MISSING')}`);
    out.push(`  ${'runbook'.padEnd(14)} ${row.runbook ?? paint('yellow', 'MISSING')}`);
    out.push(`  ${'last scan'.padEnd(14)} ${statusText(row, paint)}`);
    out.push(`  ${'schema drift'.padEnd(14)} ${row.exposure.schema.open === 0 ? 'none open' : `${row.exposure.schema.open} open (${row.exposure.schema.breaking} breaking)`}`);
    out.push(`  ${'auth drift'.padEnd(14)} ${findingsText(row.exposure.auth, paint)}`);
    out.push(`  ${'ownership'.padEnd(14)} ${findingsText(row.exposure.ownership, paint)}`);
    out.push('');
  }
  return `${out.join('\n')}`;
}

function statusText(row: MapRow, paint: Paint): string {
  const when = row.lastScan.at ? ` at ${row.lastScan.at}` : '';
  const style: Style = row.lastScan.status === 'ok' ? 'green' : row.lastScan.status === 'never' ? 'gray' : 'red';
  return `${paint(style, row.lastScan.status)}${when}: ${row.lastScan.detail}`;
}

function findingsText(findings: readonly MapFinding[], paint: Paint): string {
  if (findings.length === 0) return paint('green', 'none');
  return findings
    .map((f, i) => `${i === 0 ? '' : ' '.repeat(17)}${paint(f.severity === 'breaking' ? 'red' : f.severity === 'warning' ? 'yellow' : 'gray', f.severity)} ${f.rule}: ${f.message}`)
    .join('\n');
}
