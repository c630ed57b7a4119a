// Property tests on generated specs (fast-check): components that refer to each other (cycles included), unions with
// and without discriminators, allOf, enums, bounds, nullability in 3.0 and 3.1 spellings. A spec diffed against
// itself or a reordered copy reports nothing; one meaningful edit is always reported.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../src/openapi/diff-specs.js';
import type { OpenApiDocument } from '../../src/openapi/types.js';
import { reorder } from './reorder.js';
import { edit } from './spec-edits.js';

const COMPONENTS = ['Alpha', 'Beta', 'Gamma', 'Delta'];
const NAMES = ['id', 'name', 'kind', 'amount', 'items', 'owner', 'status'];

type Schema = Record<string, unknown>;

const primitive: fc.Arbitrary<Schema> = fc
  .record(
    {
      type: fc.constantFrom('string', 'integer', 'number', 'boolean'),
      format: fc.constantFrom('date-time', 'email', 'uuid', 'int64'),
      enum: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 4 }),
      maxLength: fc.integer({ min: 1, max: 500 }),
      minimum: fc.integer({ min: -10, max: 10 }),
      pattern: fc.constantFrom('^[a-z]+$', '^[0-9]{4}$'),
      nullable: fc.constant(true),
      default: fc.constantFrom('a', 1, true),
      deprecated: fc.constant(true),
      readOnly: fc.constant(true),
    },
    { requiredKeys: ['type'] },
  )
  .map((s) => (s.type !== 'string' ? { ...s, enum: undefined, pattern: undefined, maxLength: undefined } : s))
  .map((s) => JSON.parse(JSON.stringify(s)) as Schema);

const schemaArb: fc.Arbitrary<Schema> = fc.letrec<{ schema: Schema }>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    primitive,
    fc.constantFrom(...COMPONENTS).map((c) => ({ $ref: `#/components/schemas/${c}` })),
    fc
      .record({ properties: fc.dictionary(fc.constantFrom(...NAMES), tie('schema'), { minKeys: 1, maxKeys: 4 }), closed: fc.boolean(), required: fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 3 }) })
      .map(({ properties, closed, required }) => ({
        type: 'object',
        properties,
        ...(required.filter((r) => r in properties).length > 0 ? { required: required.filter((r) => r in properties) } : {}),
        ...(closed ? { additionalProperties: false } : {}),
      })),
    fc.record({ items: tie('schema'), minItems: fc.integer({ min: 0, max: 3 }) }).map(({ items, minItems }) => ({ type: 'array', items, ...(minItems > 0 ? { minItems } : {}) })),
    fc.record({ kw: fc.constantFrom('oneOf', 'anyOf', 'allOf'), branches: fc.array(tie('schema'), { minLength: 1, maxLength: 4 }) }).map(({ kw, branches }) => ({ [kw]: branches })),
    fc.uniqueArray(fc.constantFrom(...COMPONENTS), { minLength: 2, maxLength: 3 }).map((refs) => ({
      oneOf: refs.map((r) => ({ $ref: `#/components/schemas/${r}` })),
      discriminator: { propertyName: 'kind' },
    })),
    fc.record({ inner: tie('schema') }).map(({ inner }) => ({ allOf: [inner], nullable: true })),
  ),
})).schema;

const specArb: fc.Arbitrary<OpenApiDocument> = fc
  .record({
    version: fc.constantFrom('3.0.3', '3.1.0'),
    components: fc.tuple(...COMPONENTS.map(() => schemaArb)),
    operations: fc.array(fc.record({ response: schemaArb, body: fc.option(schemaArb, { nil: undefined }), query: fc.option(primitive, { nil: undefined }) }), { minLength: 1, maxLength: 4 }),
  })
  .map(({ version, components, operations }) => ({
    openapi: version,
    info: { title: 'Generated', version: '1' },
    paths: Object.fromEntries(
      operations.map((op, i) => [
        `/things${i}/{id}`,
        {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          get: {
            parameters: op.query ? [{ name: 'q', in: 'query', schema: op.query }] : [],
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: op.response } } } },
          },
          ...(op.body ? { post: { requestBody: { required: true, content: { 'application/json': { schema: op.body } } }, responses: { '201': { description: 'created' } } } } : {}),
        },
      ]),
    ),
    components: { schemas: Object.fromEntries(COMPONENTS.map((c, i) => [c, components[i]])) },
  }));

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const summary = (changes: Array<{ endpoint: string; rule: string; path: string }>): string[] => changes.map((c) => `${c.endpoint} ${c.rule} ${c.path}`);

describe('generated specs (fast-check)', () => {
  it('a spec diffed against itself reports nothing', async () => {
    await fc.assert(
      fc.asyncProperty(specArb, async (spec) => {
        const result = await diffSpecs(spec, clone(spec), { crossCheck: false });
        expect(summary(result.changes)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('a spec diffed against a copy with keys, enum values, required lists and union branches reordered reports nothing', async () => {
    await fc.assert(
      fc.asyncProperty(specArb, fc.integer({ min: 0, max: 1_000_000 }), async (spec, seed) => {
        const result = await diffSpecs(spec, reorder(clone(spec), seed) as OpenApiDocument, { crossCheck: false });
        expect(summary(result.changes)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('what a diff reports does not depend on how the new document orders keys, enums or union branches', async () => {
    // B is A with a few random edits; diff(A, B) and diff(A, reordered B) must say the same things.
    await fc.assert(
      fc.asyncProperty(specArb, fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), async (spec, editSeed, orderSeed) => {
        const edited = edit(clone(spec), editSeed);
        const plain = await diffSpecs(spec, edited, { crossCheck: false });
        const shuffled = await diffSpecs(spec, reorder(clone(edited), orderSeed) as OpenApiDocument, { crossCheck: false });
        expect(summary(shuffled.changes).sort()).toEqual(summary(plain.changes).sort());
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it('one meaningful edit to a component that an operation reaches is always reported', async () => {
    // The edit: a new required string property `added_field` on a component object reached by the first response.
    const edited = fc
      .tuple(specArb, fc.constantFrom(...COMPONENTS))
      .map(([spec, component]) => {
        const doc = clone(spec) as { paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: unknown }> }> } }>; components: { schemas: Record<string, Schema> } };
        doc.components.schemas[component] = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } };
        const first = Object.values(doc.paths)[0]!;
        first.get.responses['200']!.content['application/json']!.schema = { $ref: `#/components/schemas/${component}` };
        const after = clone(doc);
        after.components.schemas[component]!.properties = { ...(after.components.schemas[component]!.properties as object), added_field: { type: 'string' } };
        return { before: doc as unknown as OpenApiDocument, after: after as unknown as OpenApiDocument, component };
      });
    await fc.assert(
      fc.asyncProperty(edited, async ({ before, after, component }) => {
        const result = await diffSpecs(before, after, { crossCheck: false });
        expect(result.changes).toContainEqual(expect.objectContaining({ rule: 'response-property-added', endpoint: `#/components/schemas/${component}`, path: '$.added_field' }));
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
