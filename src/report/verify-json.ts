// Machine output of `driftwatch verify`: the summary, every interaction with its findings, problems and errors.
import { relative } from 'node:path';
import type { VerifyResult } from '../app/verify.js';
import { formatProblem } from '../config/format-problem.js';

export function renderVerifyJson(result: VerifyResult, root: string): string {
  const doc = {
    mode: result.mode,
    startedAt: result.startedAt,
    summary: result.summary,
    problems: result.problems.map((p) => ({ ...p, text: formatProblem(p, root) })),
    errors: result.errors,
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
        findings: i.changes,
      })),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
