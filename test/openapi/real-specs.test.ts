// Every real vendor spec the tests hold, diffed against itself and against a copy written in another order: silence.
// Then real releases: GitHub 21.0 -> 22.0 (it ran past 10 minutes before the walk and the cross-check were bounded)
// and Stripe 1.3.0 -> 1.3.12 (one enum value added to a shared component was reported tens of thousands of times).
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../src/openapi/diff-specs.js';
import type { OpenApiDocument } from '../../src/openapi/types.js';
import { reorder } from './reorder.js';

const require = createRequire(import.meta.url);
const packageDir = (pkg: string): string => dirname(require.resolve(`${pkg}/package.json`));
const github = (pkg: string): string => join(packageDir(pkg), 'generated', 'api.github.com.json');
const vendor = (pkg: string, file: string): string => join(packageDir(pkg), 'api', file);
const twilio = (pkg: string): string[] => readdirSync(join(packageDir(pkg), 'api', 'twilio.com')).filter((f) => f.endsWith('.json')).map((f) => vendor(pkg, `twilio.com/${f}`));
const read = (file: string): OpenApiDocument => JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
const NOW = new Date('2026-11-23T00:00:00Z');

const SPECS = [
  github('github-spec-21'),
  github('github-spec-old'),
  github('github-spec-new'),
  vendor('vendor-specs-old', 'stripe.com.json'),
  vendor('vendor-specs-new', 'stripe.com.json'),
  ...twilio('vendor-specs-old'),
  ...twilio('vendor-specs-new'),
];

describe('self-diff is silence, on every real vendor spec', () => {
  it('holds the specs it says it does', () => {
    expect(SPECS.length).toBeGreaterThan(80);
  });

  it.each(SPECS.map((file) => [file.split('/node_modules/').pop()!, file] as const))('%s', async (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const doc = JSON.parse(text) as OpenApiDocument;
    const same = await diffSpecs(doc, JSON.parse(text) as OpenApiDocument, { now: NOW });
    expect(same.changes.map((c) => `${c.endpoint} ${c.rule} ${c.path}`)).toEqual([]);
    // Keys, enum values, required lists, union branches and parameters all in reverse order: still nothing.
    const reordered = await diffSpecs(doc, reorder(JSON.parse(text)) as OpenApiDocument, { now: NOW });
    expect(reordered.changes.map((c) => `${c.endpoint} ${c.rule} ${c.path}`)).toEqual([]);
    expect([...same.notJudged, ...reordered.notJudged]).toEqual([]);
  }, 60_000);
});

describe('real releases', () => {
  it('GitHub 21.0.0 -> 22.0.0 diffs in bounded time, everything judged (it hung past 10 minutes before)', async () => {
    const result = await diffSpecs(read(github('github-spec-21')), read(github('github-spec-old')), { now: NOW });
    expect(result.notJudged).toEqual([]);
    expect(result.changes.length).toBeGreaterThan(20);
    // The `format: date-time` added to two date fields that sent json-schema-diff into a loop is a rule's finding now.
    expect(result.changes.some((c) => c.rule === 'response-constraint-tightened' && /format none -> date-time/.test(c.message))).toBe(true);
  }, 120_000);

  it('Stripe 1.3.0 -> 1.3.12: an enum value added to a shared component is one finding, reaching hundreds of operations', async () => {
    const result = await diffSpecs(read(vendor('vendor-specs-old', 'stripe.com.json')), read(vendor('vendor-specs-new', 'stripe.com.json')), { now: NOW });
    const cashapp = result.changes.filter((c) => c.rule === 'response-enum-value-added' && c.path === '$.type' && JSON.stringify(c.after).includes('cashapp'));
    expect(cashapp).toHaveLength(1);
    expect(cashapp[0]).toMatchObject({ endpoint: '#/components/schemas/payment_method', severity: 'warning' });
    expect(cashapp[0]!.reaches!.length).toBeGreaterThan(100);
    // Before: 73,474 changes, 47,709 of them response-enum-value-added (one per operation and expansion path).
    expect(result.changes.length).toBeLessThan(500);
    expect(result.changes.filter((c) => c.rule === 'response-enum-value-added').length).toBeLessThan(50);
  }, 120_000);
});

describe('bounded, never a hang', () => {
  const nested = (depth: number, leaf: string): unknown => {
    let schema: unknown = { type: leaf };
    for (let i = 0; i < depth; i++) schema = { type: 'object', properties: { next: schema } };
    return schema;
  };
  const specWith = (schema: unknown): OpenApiDocument => ({
    openapi: '3.0.3',
    info: { title: 'Deep', version: '1' },
    paths: { '/deep': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } } } } },
  });

  it('a walk past its budget stops and says what was not judged', async () => {
    const result = await diffSpecs(specWith(nested(50, 'string')), specWith(nested(50, 'integer')), { maxSteps: 10 });
    expect(result.notJudged).toEqual(['the schema walk stopped after 10 comparisons (its budget): changes past that point are not judged']);
  });

  it('inline nesting past 64 levels is not judged below, and said so; the rest of the document still is', async () => {
    const result = await diffSpecs(specWith(nested(200, 'string')), specWith(nested(200, 'integer')));
    expect(result.notJudged).toContainEqual(expect.stringMatching(/nested deeper than 64 levels, not judged below/));
    const shallow = await diffSpecs(specWith(nested(10, 'string')), specWith(nested(10, 'integer')));
    expect(shallow.changes.map((c) => c.rule)).toEqual(['response-property-type-changed']);
  });
});

describe('hostile specs', () => {
  it('a schema nested 5,000 levels deep is bounded: no crash, a note says what was not judged', async () => {
    const deep = (leaf: string): unknown => {
      let schema: unknown = { type: leaf };
      for (let i = 0; i < 5000; i++) schema = { type: 'object', properties: { next: schema } };
      return schema;
    };
    const doc = (leaf: string): OpenApiDocument => ({ openapi: '3.0.3', info: { title: 'Deep', version: '1' }, paths: { '/d': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: deep(leaf) } } } } } } } });
    const result = await diffSpecs(doc('string'), doc('integer'));
    expect(result.notJudged.length).toBeGreaterThan(0);
  });
});
