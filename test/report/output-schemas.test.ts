// The published JSON Schemas (docs/schemas/) and SARIF 2.1.0: every JSON renderer's document validates, so do the SARIF
// logs; a schema that accepted anything, or SARIF without locations and rule metadata, fails here. Real outputs of the
// CLI are validated in test/cli/outputs-cli.test.ts.
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/core/rules/index.js';
import { painter } from '../../src/report/paint.js';
import { formatsOf, render, type FormatOf, type Models, type ResultKind } from '../../src/report/registry.js';
import type { RenderContext } from '../../src/report/render.js';
import { sarifErrors, schemaErrors } from '../helpers/output-schemas.js';
import { ackResult, historyResult, outboxResult, ROOT, storeStatsReport, scanResult, specDiffReport, storyResult, verifyResult } from './fixtures/results.js';

const ctx: RenderContext = { paint: painter(false), root: ROOT, cwd: ROOT, version: '1.2.3', rules: catalogue };
const models: Models = {
  scan: scanResult,
  verify: verifyResult,
  diff: specDiffReport,
  map: {
    generatedAt: '2026-11-23T03:00:00.000Z',
    rows: [
      {
        connector: 'billing', vendor: 'Ledgerly', systemOwner: 'Dana Reyes (@dana)', dataOwner: null, auth: 'bearer token $LEDGERLY_API_KEY', failureMode: null,
        businessProcess: null, channel: '#billing', runbook: null, exposure: { auth: [], schema: { open: 1, breaking: 1 }, ownership: [{ rule: 'runbook-missing', severity: 'warning', message: 'no runbook' }] },
        lastScan: { at: '2026-11-23T03:00:00.000Z', status: 'drift', detail: '1 open breaking drift' }, gaps: ['dataOwner', 'failureMode', 'businessProcess'],
      },
    ],
    problems: [{ file: `${ROOT}/contracts/owners.yaml`, line: 2, message: 'owners must be a list' }],
  },
  history: historyResult,
  story: storyResult,
  ack: ackResult,
  outbox: outboxResult,
  migrate: { ok: false, from: '/p/h.db', to: 'postgres://u:***@db/x', problem: 'already holds a different history', conflicts: [{ table: 'runs', id: 1, reason: 'other run' }] },
  'store-stats': storeStatsReport,
};
const json = (Object.keys(models) as ResultKind[]).filter((kind) => formatsOf(kind).includes('json'));
const doc = <K extends ResultKind>(kind: K, format: string): unknown => JSON.parse(render(kind, format as FormatOf<K>, models[kind], ctx));

describe('published JSON Schemas', () => {
  it.each(json)('%s --format json validates against its schema in docs/schemas/', (kind) => {
    expect(schemaErrors(kind, doc(kind, 'json'))).toEqual([]);
  });

  it('reject what they promise never to send', () => {
    const scan = doc('scan', 'json') as { changes: Array<Record<string, unknown>>; schemaVersion: number };
    expect(schemaErrors('scan', { ...scan, schemaVersion: 2 })).not.toEqual([]);
    const raw = { ...scan, changes: [{ ...scan.changes[0], before: ['integer'] }] };
    expect(schemaErrors('scan', raw)).not.toEqual([]);
    const extra = { ...scan, changes: [{ ...scan.changes[0], surprise: true }] };
    expect(schemaErrors('scan', extra)).not.toEqual([]);
  });
});

describe('SARIF 2.1.0', () => {
  const sarif = (['scan', 'verify', 'diff'] as const).filter((kind) => formatsOf(kind).includes('sarif'));
  type Log = { version: string; runs: Array<{ tool: { driver: { name: string; version: string; rules: Array<Record<string, any>> } }; results: Array<Record<string, any>>; invocations: Array<Record<string, any>> }> };

  it('scan, verify and diff have it; the validator is not a rubber stamp', () => {
    expect(sarif).toEqual(['scan', 'verify', 'diff']);
    const log = doc('scan', 'sarif') as Log;
    expect(sarifErrors({ ...log, runs: [{ ...log.runs[0], tool: { driver: { version: '1' } } }] })).not.toEqual([]);
    expect(sarifErrors({ ...log, runs: [{ ...log.runs[0], results: [{ ...log.runs[0]!.results[0], level: 'fatal' }] }] })).not.toEqual([]);
  });

  it.each(sarif)('%s --format sarif validates against the official schema', (kind) => {
    const log = doc(kind, 'sarif') as Log;
    expect(sarifErrors(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.tool.driver).toMatchObject({ name: 'driftwatch', version: '1.2.3' });
  });

  it('carries the rule catalogue: id, summary, default severity as level, help', () => {
    const rules = (doc('scan', 'sarif') as Log).runs[0]!.tool.driver.rules;
    for (const rule of catalogue) {
      const d = rules.find((r) => r.id === rule.id);
      expect(d, rule.id).toBeDefined();
      expect(d!.shortDescription.text).toBe(rule.summary);
      expect(d!.defaultConfiguration.level).toBe({ breaking: 'error', warning: 'warning', info: 'note' }[rule.severity]);
      expect(d!.help.text).toContain(rule.summary);
    }
  });

  it('places each scan finding at the connector.yaml line of its endpoint, evidence in its properties', () => {
    const run = (doc('scan', 'sarif') as Log).runs[0]!;
    const result = run.results.find((r) => r.partialFingerprints['driftwatch/v1'] === '09ac69d4aa66')!;
    expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'contracts/billing/connector.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 9 } });
    expect(result.properties.evidence.map((e: { source: string }) => e.source)).toEqual(['snapshot', 'spec']);
    expect(result.properties.before).toEqual({ text: 'integer', value: ['integer'] });
    const suppressed = run.results.find((r) => r.ruleId === 'response-property-removed')!;
    expect(suppressed.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'Ledgerly 2026-11 release, handled in PR 812 (dana), until 2027-02-21' }]);
    const accepted = run.results.find((r) => r.ruleId === 'response-property-became-nullable')!;
    expect(accepted.suppressions[0].justification).toContain('driftwatch accept');
    expect(run.invocations[0]!.toolExecutionNotifications[0]).toMatchObject({ level: 'error', descriptor: { id: 'timeout' } });
    expect(run.invocations[0]!.toolExecutionNotifications[0].locations[0].physicalLocation.region).toEqual({ startLine: 12 });
  });

  it('verify names the pact file beside the endpoint line; diff scoped to a connector points at its endpoints', () => {
    const verify = (doc('verify', 'sarif') as Log).runs[0]!.results[0]!;
    expect(verify.locations[0].physicalLocation.region).toEqual({ startLine: 9 });
    expect(verify.relatedLocations[0].physicalLocation.artifactLocation.uri).toBe('contracts/pacts/erp-sync-billing.json');
    const diff = (doc('diff', 'sarif') as Log).runs[0]!.results[0]!;
    expect(diff.locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: 'contracts/billing/connector.yaml' }, region: { startLine: 9 } });
    expect(diff.relatedLocations[0].physicalLocation.artifactLocation.uri).toBe('specs/ledgerly-2.yaml');
  });
});
