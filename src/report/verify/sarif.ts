// SARIF of `driftwatch verify`: each finding at the connector.yaml line of the endpoint its interaction calls, the pact
// files that pin it as related locations; bad input and checks that could not run as tool notifications.
import type { Finding } from '../../core/model.js';
import type { VerifyResult } from '../model/verify.js';
import type { RenderContext } from '../render.js';
import { connectorPlace, renderSarifLog, sarifUri, type SarifNotification } from '../sarif.js';

export function renderVerifySarif(result: VerifyResult, ctx: Pick<RenderContext, 'root' | 'version' | 'rules'>): string {
  const findings: Array<{ finding: Finding; place: ReturnType<typeof connectorPlace>; related: ReturnType<typeof connectorPlace>[] }> = [];
  for (const report of result.connectors) {
    for (const finding of report.findings) {
      const pacts = [...new Set(report.interactions.filter((i) => i.changes.includes(finding)).map((i) => i.pactFile))];
      findings.push({ finding, place: connectorPlace(report.connector, finding.endpoint, ctx.root), related: pacts.map((p) => ({ uri: sarifUri(p, ctx.root) })) });
    }
  }
  const notifications: SarifNotification[] = [
    ...result.problems.map((p): SarifNotification => ({
      level: 'error',
      id: 'bad-input',
      message: `${p.at ? `${p.at}: ` : ''}${p.message}`,
      place: { uri: sarifUri(p.file, ctx.root), ...(p.line !== undefined ? { line: p.line } : {}) },
    })),
    ...result.errors.map((e): SarifNotification => ({ level: 'error', id: e.kind, message: `${e.connector}/${e.endpoint}: ${e.message}` })),
  ];
  return renderSarifLog({ version: ctx.version, rules: ctx.rules ?? [], command: 'verify', startedAt: result.startedAt, finishedAt: result.finishedAt, findings, notifications });
}
