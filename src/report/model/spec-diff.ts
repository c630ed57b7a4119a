// What the spec-diff renderers print: the two documents, the scope, and the judged result.
import type { Connector } from '../../core/model.js';
import type { SpecDiffResult } from '../../openapi/diff-specs.js';

export interface SpecMeta {
  source: string;
  title?: string;
  version?: string;
}

export interface SpecDiffReport {
  before: SpecMeta;
  after: SpecMeta;
  /** Set when the diff was scoped to one connector's operations. */
  connector?: string;
  /** That connector's file and lines: SARIF places findings on the endpoints there. */
  connectorSource?: Pick<Connector, 'file' | 'lines'>;
  /** The connector's endpoints and the operation each calls (undefined: no operation in the old spec). */
  endpoints?: Array<{ id: string; method: string; path: string; operation?: string }>;
  result: SpecDiffResult;
}

export function metaOf(source: string, document: Record<string, unknown>): SpecMeta {
  const info = document.info as Record<string, unknown> | undefined;
  return {
    source,
    ...(typeof info?.title === 'string' ? { title: info.title } : {}),
    ...(typeof info?.version === 'string' ? { version: info.version } : {}),
  };
}

/** `41 changes in 19 operations this connector does not use (3 breaking)`: the one line the rest is summed up in. */
export function outOfScopeLine(report: SpecDiffReport): string | undefined {
  const o = report.result.outOfScope;
  if (report.result.scope === undefined || o.changes === 0) return undefined;
  const who = report.connector ? 'this connector does not use' : 'outside the scope';
  const breaking = o.breaking > 0 ? ` (${o.breaking} breaking)` : '';
  return `${o.changes} change${o.changes === 1 ? '' : 's'} in ${o.operations} operation${o.operations === 1 ? '' : 's'} ${who}${breaking}; --all judges them`;
}
