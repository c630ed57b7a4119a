// What `driftwatch accept` prints: each snapshot written, each endpoint that failed, and the way out of what stays broken.
import { relative } from 'node:path';
import type { Finding } from '../../core/model.js';
import { formatProblem } from '../../core/format-problem.js';
import { plural } from '../format-value.js';
import type { AcceptChangeResult, AcceptResult } from '../model/accept.js';
import type { RenderContext } from '../render.js';

export function renderAcceptText(result: AcceptResult, { paint, root }: Pick<RenderContext, 'paint' | 'root'>): string {
  const out: string[] = [];
  for (const problem of result.problems) out.push(`${paint('red', 'problem ')}  ${formatProblem(problem, root)}`);
  for (const w of result.written) {
    out.push(`${paint('green', 'accepted')}  ${w.connector}/${w.endpoint} → ${relative(root, w.file)} (${plural(w.samples, 'sample')}, status ${w.status})`);
  }
  for (const e of result.errors) out.push(`${paint('red', 'error   ')}  ${e.connector}/${e.endpoint} ${e.kind}: ${e.message}`);
  if (result.acceptedDrifts > 0) out.push(`${result.acceptedDrifts} open drift(s) marked accepted`);
  out.push(...stillBreakingLines(result.stillBreaking));
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

export function renderAcceptChangeText(result: AcceptChangeResult, { paint, root }: Pick<RenderContext, 'paint' | 'root'>): string {
  const verb = result.updated ? 'updated' : 'added';
  const until = result.entry.expires ? ` (until ${result.entry.expires})` : '';
  return `${paint('green', verb)} ignore entry in ${relative(root, result.file)}: ${result.entry.rule} ${result.entry.path}${until}\n`;
}

/**
 * What accept could not make fine, and the way out of each: a live answer that breaks the vendor's own spec stays
 * accepted (scans are green while the vendor sends the same) but deserves a recorded reason; a broken consumer
 * contract is never settled by accepting what the vendor sends.
 */
function stillBreakingLines(findings: readonly Finding[]): string[] {
  const out: string[] = [];
  const contract = findings.filter((f) => f.evidence.some((e) => e.source === 'pact'));
  const spec = findings.filter((f) => !contract.includes(f));
  if (spec.length > 0) {
    out.push(`note: accepted, but the live answer still breaks the vendor's own spec (${plural(spec.length, 'finding')}):`);
    for (const f of spec) out.push(`  ${f.connector}/${f.endpoint} ${f.message} [${f.rule} ${f.fingerprint}]`);
    out.push('  scans stay green while the vendor sends this. The way out, for each one:');
    out.push('    - keep it, with the reason on record: driftwatch accept --change <fingerprint> --reason "..." (an ignore: entry in connector.yaml)');
    out.push('    - or fix the connector (and tell the vendor its spec is wrong), then driftwatch accept again');
  }
  if (contract.length > 0) {
    out.push(`note: a consumer contract still breaks (${plural(contract.length, 'finding')}); accepting what the vendor sends does not settle it:`);
    for (const f of contract) out.push(`  ${f.connector}/${f.endpoint} ${f.message} [${f.rule} ${f.fingerprint}]`);
    out.push('  the way out: update the connector and its contract test (then re-run it to write the pact), or add an ignore: entry with a reason (accept --change)');
  }
  return out;
}
