// Machine output of `driftwatch diff` (docs/schemas/diff.schema.json): one JSON document.
import { findingJson, jsonDocument } from '../json-document.js';
import { outOfScopeLine, type SpecDiffReport } from '../model/spec-diff.js';

export function renderSpecDiffJson(report: SpecDiffReport): string {
  const { result } = report;
  return jsonDocument({
    kind: 'diff',
    old: report.before,
    new: report.after,
    scope: report.connector
      ? { connector: report.connector, operations: result.scope ?? [], endpoints: report.endpoints ?? [] }
      : { all: true },
    summary: result.summary,
    changes: result.changes.map(findingJson),
    outOfScope: { ...result.outOfScope, line: outOfScopeLine(report) ?? null },
    unknownOperations: result.unknownOperations,
    operations: result.operations,
    crossCheck: result.crossCheck,
    notJudged: result.notJudged,
  });
}
