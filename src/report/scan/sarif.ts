// SARIF of a scan: each finding at the connector.yaml line of its endpoint; failed samples as tool notifications.
import type { ScanError } from '../../core/model.js';
import type { ScanResult } from '../model/scan.js';
import type { RenderContext } from '../render.js';
import { connectorPlace, renderSarifLog, type SarifNotification, type SarifPlace } from '../sarif.js';

export function renderScanSarif(result: ScanResult, ctx: Pick<RenderContext, 'root' | 'version' | 'rules'>): string {
  const connectors = new Map(result.connectors.map((c) => [c.connector.name, c.connector]));
  const place = (connector: string, endpoint: string): SarifPlace | undefined => {
    const found = connectors.get(connector);
    return found ? connectorPlace(found, endpoint, ctx.root) : undefined;
  };
  const notification = (level: SarifNotification['level']) => (e: ScanError): SarifNotification => {
    const at = place(e.connector, e.endpoint);
    return { level, id: e.kind, message: `${e.connector}/${e.endpoint}: ${e.message}`, ...(at ? { place: at } : {}) };
  };
  return renderSarifLog({
    version: ctx.version,
    rules: ctx.rules ?? [],
    command: 'scan',
    startedAt: result.startedAt,
    finishedAt: result.finishedAt,
    findings: result.changes.map((finding) => ({
      finding,
      place: place(finding.connector, finding.endpoint) ?? { uri: `contracts/${finding.connector}/connector.yaml` },
    })),
    notifications: [...result.errors.map(notification('error')), ...result.notices.map(notification('note'))],
  });
}
