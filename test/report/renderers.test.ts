// Every renderer of the registry on fixed results: golden files for the scan's outputs (what a person, a CI job and a
// parser each see), and for every kind and format, the evidence of each finding and the marks of the ones not counted.
import { describe, expect, it } from 'vitest';
import { painter } from '../../src/report/paint.js';
import { formatsOf, render, renderers, type FormatOf, type Models, type ResultKind } from '../../src/report/registry.js';
import type { RenderContext } from '../../src/report/render.js';
import { ackResult, historyResult, outboxResult, ROOT, storeStatsReport, scanResult, specDiffReport, storyResult, verifyResult } from './fixtures/results.js';
import { catalogue } from '../../src/core/rules/index.js';

const ctx: RenderContext = { paint: painter(false), root: ROOT, cwd: ROOT, version: '9.9.9', rules: catalogue };
const models: Models = {
  scan: scanResult,
  verify: verifyResult,
  diff: specDiffReport,
  map: { generatedAt: '2026-11-23T03:00:00.000Z', rows: [], problems: [] },
  history: historyResult,
  story: storyResult,
  ack: ackResult,
  outbox: outboxResult,
  migrate: { ok: true, from: '/p/.driftwatch/history.db', to: 'postgres://u:***@db/x', tables: [{ table: 'runs', copied: 3, skipped: 0 }] },
  'store-stats': storeStatsReport,
};
const out = <K extends ResultKind>(kind: K, format: string): string => render(kind, format as FormatOf<K>, models[kind], ctx);

describe('scan outputs', () => {
  it('text', async () => {
    await expect(out('scan', 'text')).toMatchFileSnapshot('../golden/scan.txt');
  });
  it('json is one document with the documented top-level shape', async () => {
    const text = out('scan', 'json');
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['schemaVersion', 'kind', 'runId', 'startedAt', 'finishedAt', 'summary', 'changes', 'errors', 'notices']);
    await expect(text).toMatchFileSnapshot('../golden/scan.json');
  });
  it('junit, with time and timestamp on the run and each suite', async () => {
    const xml = out('scan', 'junit');
    expect(xml).toContain('<testsuites name="driftwatch scan" tests="2" failures="1" errors="1" time="1.200" timestamp="2026-11-23T03:00:00">');
    expect(xml).toContain('time="1.180" timestamp="2026-11-23T03:00:00"');
    expect(xml).toContain('name="list-invoices" time="0.180"');
    expect(xml).not.toContain('<&>');
    await expect(xml).toMatchFileSnapshot('../golden/scan.junit.xml');
  });
  it('markdown has a message column', async () => {
    const md = out('scan', 'markdown');
    expect(md).toContain('| message |');
    expect(md).toContain('$.data[*].amount_due changed type from integer to string');
    await expect(md).toMatchFileSnapshot('../golden/scan.md');
  });
});

/** What each kind's findings were seen by, and the reason of the suppressed one, in every output. */
const EVIDENCE: Partial<Record<ResultKind, { seen: RegExp; suppressed: RegExp; accepted?: RegExp }>> = {
  scan: { seen: /the vendor(&apos;|')s spec|"source": "spec"/, suppressed: /Ledgerly 2026-11 release/, accepted: /accepted/ },
  verify: { seen: /a consumer contract|"source": "pact"/, suppressed: /Ledgerly 2026-11 release/ },
  diff: { seen: /the spec diff|"source": "spec-diff"/, suppressed: /Ledgerly 2026-11 release/ },
  history: { seen: /the vendor's spec|"source": "spec"/, suppressed: /suppressed/, accepted: /accepted/ },
  ack: { seen: /the vendor's spec|"source": "spec"/, suppressed: /./ },
};

describe('every renderer shows who saw a finding and marks what is not counted', () => {
  const cases = (Object.keys(EVIDENCE) as ResultKind[]).flatMap((kind) => formatsOf(kind).map((format) => [kind, format] as const));
  it.each(cases)('%s --format %s', (kind, format) => {
    const text = out(kind, format);
    const want = EVIDENCE[kind]!;
    expect(text).toMatch(want.seen);
    expect(text).toMatch(want.suppressed);
    if (want.accepted) expect(text).toMatch(want.accepted);
  });

  it('the accepted and the suppressed findings are not shown as breaking in the Markdown summary', () => {
    const md = out('scan', 'markdown');
    expect(md).toMatch(/⚪ suppressed \| billing \| list-invoices \| `response-property-removed`/);
    expect(md).toMatch(/⚪ accepted \| billing \| list-invoices \| `response-property-became-nullable`/);
  });
});

describe('machine outputs', () => {
  const json = (Object.keys(renderers) as ResultKind[]).filter((kind) => formatsOf(kind).includes('json'));
  it.each(json)('%s --format json carries schemaVersion 1 and its kind first', (kind) => {
    const doc = JSON.parse(out(kind, 'json')) as Record<string, unknown>;
    expect(Object.keys(doc).slice(0, 2)).toEqual(['schemaVersion', 'kind']);
    expect(doc).toMatchObject({ schemaVersion: 1, kind });
  });

  it('before/after are one shape in every finding: display text and raw value, or null', () => {
    const doc = JSON.parse(out('scan', 'json')) as { changes: Array<{ path: string; before: unknown; after: unknown }> };
    const byPath = new Map(doc.changes.map((c) => [c.path, c]));
    expect(byPath.get('$.data[*].status')).toMatchObject({ before: { text: 'draft, open, paid', value: ['draft', 'open', 'paid'] }, after: { text: 'uncollectible', value: ['uncollectible'] } });
    expect(byPath.get('$.data[*].customer_email')).toMatchObject({ before: { text: 'string', value: 'string' }, after: null });
    const history = JSON.parse(out('history', 'json')) as { drifts: Array<{ before: unknown; after: unknown }> };
    expect(history.drifts[1]).toMatchObject({ before: { text: 'string', value: 'string' }, after: null });
  });
});
