// The json-schema-diff cross-check agrees with the rule catalogue on the response fixtures, within its known blind
// spots, and is bounded: a run past its deadline is stopped and said so, never waited for.
import { describe, expect, it } from 'vitest';
import { crossCheckResponse, toDiffableSchema } from '../../src/openapi/cross-check.js';
import { diffSpecs } from '../../src/openapi/diff-specs.js';
import { readFixture } from './spec-rule-harness.js';

const INVOICE = { $ref: '#/components/schemas/Invoice' };
const ORDER = { $ref: '#/components/schemas/Order' };

describe('json-schema-diff cross-check vs the rules', () => {
  // Rules that say "the vendor may now send values it did not before": json-schema-diff must see a widening too.
  it.each([
    'response-property-type-changed',
    'response-property-became-nullable',
    'response-array-items-type-changed',
    'response-property-one-of-added',
    'response-property-any-of-added',
    'response-property-became-optional',
    'response-constraint-loosened',
    'response-property-removed',
  ])('%s: json-schema-diff also finds the new response schema wider', async (rule) => {
    const verdict = await crossCheckResponse(readFixture('base'), readFixture(rule), INVOICE, INVOICE);
    expect(verdict).toMatchObject({ kind: 'checked', widened: true });
  });

  it('response-schema-widened: a keyword no rule models (`not`) dropped, and json-schema-diff finds it wider', async () => {
    const verdict = await crossCheckResponse(readFixture('response-schema-widened.before'), readFixture('response-schema-widened'), ORDER, ORDER);
    expect(verdict).toMatchObject({ kind: 'checked', widened: true });
  });

  // Its documented blind spots: enum and format (ignored), which only the rules catch.
  it.each(['response-enum-value-added', 'response-format-changed'])('%s: outside what json-schema-diff can see (rules catch it)', async (rule) => {
    const verdict = await crossCheckResponse(readFixture('base'), readFixture(rule), INVOICE, INVOICE);
    expect(verdict).toMatchObject({ kind: 'checked', widened: false });
  });

  it('identical schemas are not widened; a request-only change leaves the response alone', async () => {
    expect(await crossCheckResponse(readFixture('base'), readFixture('request-property-removed'), INVOICE, INVOICE)).toMatchObject({ widened: false, narrowed: false });
  });

  it('circular schemas are skipped, not hung on', async () => {
    const doc = { components: { schemas: { Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } } } } } };
    expect(() => toDiffableSchema(doc, { $ref: '#/components/schemas/Node' })).toThrow(/circular/);
    expect(await crossCheckResponse(doc, doc, { $ref: '#/components/schemas/Node' }, { $ref: '#/components/schemas/Node' })).toEqual({ kind: 'skipped', reason: 'circular schema' });
  });

  it('a run past its deadline is stopped (the worker is terminated) and reported as timed out', async () => {
    // 1 ms: the worker cannot even load json-schema-diff in that time, so the deadline always wins.
    const verdict = await crossCheckResponse(readFixture('base'), readFixture('response-property-type-changed'), INVOICE, INVOICE, { timeoutMs: 1 });
    expect(verdict).toEqual({ kind: 'timed-out', reason: 'json-schema-diff did not finish within 1 ms' });
  });

  it('a diff whose cross-check times out says what was not judged, and still reports the rule', async () => {
    const result = await diffSpecs(readFixture('response-schema-widened.before'), readFixture('response-schema-widened'), { crossCheckTimeoutMs: 1 });
    expect(result.crossCheck.timedOut).toBeGreaterThan(0);
    expect(result.notJudged).toContainEqual(expect.stringContaining('json-schema-diff did not finish within 1 ms'));
    expect(result.changes.map((c) => c.rule)).toEqual(['response-schema-changed']);
  });
});
