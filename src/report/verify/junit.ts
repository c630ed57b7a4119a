// JUnit XML of `driftwatch verify`: a suite per connector, one test case per pact interaction, failures with the mismatch.
import type { Finding } from '../../core/model.js';
import { formatProblem } from '../../core/format-problem.js';
import { evidenceLines, formatValue } from '../format-value.js';
import type { InteractionResult, VerifyResult } from '../model/verify.js';
import type { RenderContext } from '../render.js';
import { escapeXml, junitSeconds, junitTimestamp } from '../xml.js';

function findingText(change: Finding): string {
  const lines = [`[${change.rule}] ${change.path}: ${change.message}`];
  if (change.before !== undefined || change.after !== undefined) lines.push(`  expected: ${formatValue(change.before, 200)}  actual: ${formatValue(change.after, 200)}`);
  for (const line of evidenceLines(change)) lines.push(`  ${line}`);
  return lines.join('\n');
}

function testCase(i: InteractionResult): string {
  const classname = escapeXml(`${i.connector}.${i.consumer}`);
  const name = escapeXml(`${i.description} (${i.method} ${i.path})`);
  const live = i.changes.filter((c) => c.suppressed === undefined && c.accepted === undefined);
  const breaking = live.filter((c) => c.severity === 'breaking');
  const body: string[] = [];
  if (breaking.length > 0) {
    const first = breaking[0]!;
    const message = escapeXml(breaking.length === 1 ? first.message : `${breaking.length} broken expectations: ${first.message}`);
    body.push(`      <failure message="${message}" type="${escapeXml(first.rule)}">${escapeXml(breaking.map(findingText).join('\n'))}</failure>`);
  }
  // Nothing could check it: a skipped test, never a pass.
  if (i.status === 'unchecked') body.push(`      <skipped message="${escapeXml(i.skipped.join('; '))}"/>`);
  const notes = [
    ...live.filter((c) => c.severity !== 'breaking').map((c) => `${c.severity}: ${findingText(c)}`),
    ...i.changes.filter((c) => c.suppressed !== undefined).map((c) => `suppressed (${c.suppressed?.reason ?? ''}): ${findingText(c)}`),
    ...i.changes.filter((c) => c.suppressed === undefined && c.accepted !== undefined).map((c) => `accepted (${c.accepted?.at.slice(0, 10) ?? ''}): ${findingText(c)}`),
    ...i.skipped.map((s) => `skipped ${s}`),
  ];
  if (notes.length > 0) body.push(`      <system-out>${escapeXml(notes.join('\n'))}</system-out>`);
  if (body.length === 0) return `    <testcase classname="${classname}" name="${name}"/>`;
  return `    <testcase classname="${classname}" name="${name}">\n${body.join('\n')}\n    </testcase>`;
}

export function renderVerifyJunit(result: VerifyResult, { root }: Pick<RenderContext, 'root'>): string {
  const suites: string[] = [];
  const timestamp = junitTimestamp(result.startedAt);
  let tests = 0;
  let failures = 0;
  for (const report of result.connectors) {
    const cases = report.interactions.map(testCase);
    const failed = report.interactions.filter((i) => i.status === 'failed').length;
    const skipped = report.interactions.filter((i) => i.status === 'unchecked').length;
    const errors = report.errors.length;
    tests += report.interactions.length;
    failures += failed;
    const errorCases = report.errors.map(
      (e) => `    <testcase classname="${escapeXml(report.connector.name)}" name="${escapeXml(`verifier (${e.endpoint})`)}">\n      <error message="${escapeXml(e.message)}" type="${escapeXml(e.kind)}"/>\n    </testcase>`,
    );
    suites.push(
      `  <testsuite name="${escapeXml(`driftwatch verify: ${report.connector.name}`)}" tests="${report.interactions.length + errors}" failures="${failed}" errors="${errors}" skipped="${skipped}" time="${junitSeconds(report.durationMs)}" timestamp="${timestamp}">\n${[...cases, ...errorCases].join('\n')}\n  </testsuite>`,
    );
    tests += errors;
  }
  if (result.problems.length > 0) {
    const cases = result.problems.map(
      (p) => `    <testcase classname="driftwatch.input" name="${escapeXml(p.file)}">\n      <error message="${escapeXml(formatProblem(p, root))}" type="bad-input"/>\n    </testcase>`,
    );
    suites.push(`  <testsuite name="driftwatch verify: input" tests="${cases.length}" failures="0" errors="${cases.length}" skipped="0" time="0.000" timestamp="${timestamp}">\n${cases.join('\n')}\n  </testsuite>`);
    tests += cases.length;
  }
  const errors = result.errors.length + result.problems.length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="driftwatch verify" tests="${tests}" failures="${failures}" errors="${errors}" time="${junitSeconds(Date.parse(result.finishedAt) - Date.parse(result.startedAt))}" timestamp="${timestamp}">\n${suites.join('\n')}\n</testsuites>\n`;
}
