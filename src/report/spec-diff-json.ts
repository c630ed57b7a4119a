// Machine output of `driftwatch diff`: one JSON document.
import { outOfScopeLine, type SpecDiffReport } from './spec-diff-model.js';

export function renderSpecDiffJson(report: SpecDiffReport): string {
  const { result } = report;
  const doc = {
    old: report.before,
    new: report.after,
    scope: report.connector
      ? { connector: report.connector, operations: result.scope ?? [], endpoints: report.endpoints ?? [] }
      : { all: true },
    summary: result.summary,
    changes: result.changes,
    outOfScope: { ...result.outOfScope, line: outOfScopeLine(report) ?? null },
    unknownOperations: result.unknownOperations,
    operations: result.operations,
    crossCheck: result.crossCheck,
    notJudged: result.notJudged,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
