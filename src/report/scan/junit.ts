// JUnit XML of a scan: a suite per connector, a test case per endpoint; breaking drift fails it, a failed sample errors it.
import type { Finding } from '../../core/model.js';
import { evidenceLines, findingTag, formatValue, notCounted } from '../format-value.js';
import type { ScanResult } from '../model/scan.js';
import { escapeXml, junitSeconds, junitTimestamp } from '../xml.js';

function changeText(change: Finding): string {
  const pinned = change.pinned === true ? ' (pinned by a contract)' : '';
  const why = notCounted(change);
  return [
    `[${findingTag(change)}] ${change.rule} ${change.path}${pinned}: ${change.message}`,
    `  before: ${formatValue(change.before, 200)}  after: ${formatValue(change.after, 200)}`,
    ...evidenceLines(change).map((line) => `  ${line}`),
    ...(why ? [`  ${why}`] : []),
  ].join('\n');
}

export function renderScanJunit(result: ScanResult): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  const timestamp = junitTimestamp(result.startedAt);
  const names = [...new Set([...result.connectors.map((c) => c.connector.name), ...result.errors.map((e) => e.connector)])].sort();
  for (const name of names) {
    const report = result.connectors.find((c) => c.connector.name === name);
    const endpoints = [
      ...new Set([
        ...(report?.connector.endpoints.map((e) => e.id) ?? []),
        ...result.changes.filter((c) => c.connector === name).map((c) => c.endpoint),
        ...result.errors.filter((e) => e.connector === name).map((e) => e.endpoint),
      ]),
    ];
    const cases: string[] = [];
    let suiteFailures = 0;
    let suiteErrors = 0;
    let suiteMs = 0;
    for (const endpoint of endpoints) {
      const changes = result.changes.filter((c) => c.connector === name && c.endpoint === endpoint);
      const breaking = changes.filter((c) => c.severity === 'breaking' && !c.suppressed && !c.accepted);
      const endpointErrors = result.errors.filter((e) => e.connector === name && e.endpoint === endpoint);
      // The time a test case took is the time its requests took.
      const ms = (report?.outcomes ?? []).reduce((sum, o) => {
        const of = o.ok ? o.sample : o.failure;
        return of.endpoint === endpoint ? sum + of.latencyMs : sum;
      }, 0);
      suiteMs += ms;
      const body: string[] = [];
      if (breaking.length > 0) {
        suiteFailures++;
        body.push(`      <failure message="${escapeXml(`${breaking.length} breaking change(s): ${breaking[0]!.message}`)}" type="${escapeXml(breaking[0]!.rule)}">${escapeXml(breaking.map(changeText).join('\n'))}</failure>`);
      }
      if (endpointErrors.length > 0) {
        suiteErrors++;
        body.push(`      <error message="${escapeXml(endpointErrors[0]!.message)}" type="${escapeXml(endpointErrors[0]!.kind)}"/>`);
      }
      const others = changes.filter((c) => !breaking.includes(c));
      if (others.length > 0) body.push(`      <system-out>${escapeXml(others.map(changeText).join('\n'))}</system-out>`);
      const open = `    <testcase classname="${escapeXml(`driftwatch.${name}`)}" name="${escapeXml(endpoint)}" time="${junitSeconds(ms)}"`;
      cases.push(body.length === 0 ? `${open}/>` : `${open}>\n${body.join('\n')}\n    </testcase>`);
    }
    tests += cases.length;
    failures += suiteFailures;
    errors += suiteErrors;
    suites.push(
      `  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${suiteFailures}" errors="${suiteErrors}" skipped="0" time="${junitSeconds(suiteMs)}" timestamp="${timestamp}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const runMs = Date.parse(result.finishedAt) - Date.parse(result.startedAt);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="driftwatch scan" tests="${tests}" failures="${failures}" errors="${errors}" time="${junitSeconds(runMs)}" timestamp="${timestamp}">\n` +
    `${suites.join('\n')}\n</testsuites>\n`
  );
}
