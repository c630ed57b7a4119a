// SARIF of `driftwatch diff`: scoped to a connector, each finding at the connector.yaml line of its endpoint; for the
// whole document, at the new spec (a file under the project, or its URL).
import { resolve } from 'node:path';
import type { SpecDiffReport } from '../model/spec-diff.js';
import type { RenderContext } from '../render.js';
import { connectorPlace, renderSarifLog, sarifUri } from '../sarif.js';

export function renderSpecDiffSarif(report: SpecDiffReport, ctx: Pick<RenderContext, 'root' | 'cwd' | 'version' | 'rules'>): string {
  const spec = /^[a-z][a-z0-9+.-]*:\/\//i.test(report.after.source) ? report.after.source : resolve(ctx.cwd, report.after.source);
  const specPlace = { uri: sarifUri(spec, ctx.root) };
  const source = report.connectorSource;
  return renderSarifLog({
    version: ctx.version,
    rules: ctx.rules ?? [],
    command: 'diff',
    findings: report.result.changes.map((finding) => ({
      finding,
      place: source && finding.endpoint !== '*' ? connectorPlace(source, finding.endpoint, ctx.root) : specPlace,
      ...(source ? { related: [specPlace] } : {}),
    })),
    notifications: report.result.unknownOperations.map((op) => ({ level: 'warning' as const, id: 'unknown-operation', message: `${op} is in neither spec` })),
  });
}
