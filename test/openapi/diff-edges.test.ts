// Edges of the spec diff the rule fixtures do not reach: a request body where there was none, and union branches
// written inline (no $ref) that only their discriminator value tells apart.
import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../src/openapi/diff-specs.js';

const NOW = new Date('2026-11-23T00:00:00Z');

function api(post: Record<string, unknown>, payment?: unknown): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'Payments', version: '1' },
    paths: {
      '/payments': {
        post: { ...post, responses: { '201': { description: 'created' } } },
        ...(payment ? { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: payment } } } } } } : {}),
      },
    },
  };
}

const body = { required: true, content: { 'application/json': { schema: { type: 'object', properties: { amount: { type: 'integer' } } } } } };

describe('request bodies', () => {
  it('a required body on an operation that had none is breaking: the connector sends nothing', async () => {
    const { changes } = await diffSpecs(api({}), api({ requestBody: body }), { now: NOW });
    const found = changes.find((c) => c.rule === 'request-body-became-required');
    expect(found?.severity).toBe('breaking');
    expect(found?.before).toBe('none');
  });
});

describe('inline union branches, paired by discriminator value', () => {
  const card = (last4: unknown) => ({ type: 'object', required: ['kind'], properties: { kind: { type: 'string', enum: ['card'] }, last4 } });
  const bank = (iban: unknown) => ({ type: 'object', required: ['kind'], properties: { kind: { type: 'string', enum: ['bank'] }, iban } });
  const method = (...branches: unknown[]) => ({ oneOf: branches, discriminator: { propertyName: 'kind' } });

  it('reordered branches are the same branches; the one change inside one of them is the one finding', async () => {
    const before = api({}, method(card({ type: 'string' }), bank({ type: 'string' })));
    const after = api({}, method(bank({ type: 'integer' }), card({ type: 'string' })));
    const { changes } = await diffSpecs(before, after, { now: NOW });
    expect(changes.map((c) => `${c.rule} ${c.path}`)).toEqual([expect.stringMatching(/^response-property-type-changed .*iban/)]);
  });
});
