// How the spec diff reads one schema: nullability written four ways, allOf bounds merged to the tightest, required
// lists read whole. Each case is a pair of one-operation documents whose only difference is how one field is written.
import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../src/openapi/diff-specs.js';

const NOW = new Date('2026-11-23T00:00:00Z');

/** A document whose `GET /things` answers `{ status: <field> }`, and whose `POST /things` takes `{ note: <body> }`. */
function doc(version: '3.0.3' | '3.1.0', field: unknown, body: unknown = { type: 'string' }): Record<string, unknown> {
  return {
    openapi: version,
    info: { title: 'Things', version: '1' },
    paths: {
      '/things': {
        get: {
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: { type: 'object', required: ['status'], properties: { status: field } } } },
            },
          },
        },
        post: {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { type: 'object', properties: { note: body } } } },
          },
          responses: { '204': { description: 'done' } },
        },
      },
    },
  };
}

async function rules(before: Record<string, unknown>, after: Record<string, unknown>): Promise<string[]> {
  const { changes } = await diffSpecs(before, after, { now: NOW });
  return changes.map((c) => c.rule).sort();
}

describe('nullability, however it is written', () => {
  it('a null added to an enum makes the field nullable', async () => {
    const found = await rules(doc('3.1.0', { enum: ['open', 'paid'] }), doc('3.1.0', { enum: ['open', 'paid', null] }));
    expect(found).toContain('response-property-became-nullable');
  });

  it("x-nullable (what Swagger 2.0 generators keep writing in 3.0 documents) makes the field nullable", async () => {
    const found = await rules(doc('3.0.3', { type: 'string' }), doc('3.0.3', { type: 'string', 'x-nullable': true }));
    expect(found).toContain('response-property-became-nullable');
  });

  it('null in the enum and nullable: true are the same field', async () => {
    expect(await rules(doc('3.0.3', { type: 'string', nullable: true, enum: ['open', null] }), doc('3.0.3', { type: 'string', nullable: true, enum: ['open'] }))).toEqual([]);
  });

  it("3.1: oneOf with a null branch is the nullable field, written another way", async () => {
    expect(await rules(doc('3.1.0', { oneOf: [{ type: 'string' }, { type: 'null' }] }), doc('3.1.0', { type: ['string', 'null'] }))).toEqual([]);
  });

  it('3.1: a oneOf without a null branch does not make the field nullable', async () => {
    const found = await rules(doc('3.1.0', { type: 'string' }), doc('3.1.0', { oneOf: [{ type: 'string' }, { type: 'integer' }] }));
    expect(found.length).toBeGreaterThan(0);
    expect(found).not.toContain('response-property-became-nullable');
  });
});

describe('allOf bounds', () => {
  it('the tightest maxLength of the parts is the bound: written merged or split, the same request field', async () => {
    const split = doc('3.0.3', { type: 'string' }, { allOf: [{ type: 'string', maxLength: 5 }, { maxLength: 50 }] });
    const merged = doc('3.0.3', { type: 'string' }, { type: 'string', maxLength: 5 });
    expect(await rules(split, merged)).toEqual([]);
    expect(await rules(merged, split)).toEqual([]);
  });
});
