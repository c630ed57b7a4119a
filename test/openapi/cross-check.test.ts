// The json-schema-diff cross-check agrees with the rule catalogue on the response fixtures, within its known blind spots.
import { describe, expect, it } from 'vitest';
import { crossCheckResponse, toDiffableSchema } from '../../src/openapi/cross-check.js';
import { readFixture } from './spec-rule-harness.js';

const INVOICE = { $ref: '#/components/schemas/Invoice' };

describe('json-schema-diff cross-check vs the rules', () => {
  // Rules that say "the vendor may now send values it did not before": json-schema-diff must see a widening too.
  it.each(['response-property-type-changed', 'response-property-became-nullable', 'response-array-items-type-changed', 'response-property-one-of-added', 'response-property-any-of-added', 'response-property-became-optional', 'response-schema-widened', 'response-property-removed'])(
    '%s: json-schema-diff also finds the new response schema wider',
    async (rule) => {
      const verdict = await crossCheckResponse(readFixture('base'), readFixture(rule), INVOICE, INVOICE);
      expect(verdict).toMatchObject({ kind: 'checked', widened: true });
    },
  );

  // A removed property of an open object now accepts any type there, so json-schema-diff agrees on removals too.
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
});
