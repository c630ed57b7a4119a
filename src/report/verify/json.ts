// Machine output of `driftwatch verify` (docs/schemas/verify.schema.json): every interaction with its findings.
import { relative } from 'node:path';
import { formatProblem } from '../../core/format-problem.js';
import { findingJson, jsonDocument } from '../json-document.js';
import type { VerifyResult } from '../model/verify.js';
import type { RenderContext } from '../render.js';

export function renderVerifyJson(result: VerifyResult, { root }: Pick<RenderContext, 'root'>): string {
  return jsonDocument({
    kind: 'verify',
    mode: result.mode,
    startedAt: result.startedAt,
    finishedAt: result.finishedAt,
    summary: result.summary,
    problems: result.problems.map((p) => ({ ...p, text: formatProblem(p, root) })),
    errors: result.errors.map(({ connector, endpoint, kind, message }) => ({ connector, endpoint, kind, message })),
    connectors: result.connectors.map((report) => ({
      name: report.connector.name,
      pacts: report.pacts.map((p) => relative(root, p) || p),
      interactions: report.interactions.map((i) => ({
        consumer: i.consumer,
        provider: i.provider,
        description: i.description,
        method: i.method,
        path: i.path,
        endpoint: i.endpoint ?? null,
        status: i.status,
        skipped: i.skipped,
        findings: i.changes.map(findingJson),
      })),
    })),
  });
}
