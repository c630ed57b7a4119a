import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonValue } from '../../src/core/model.js';
import { loadSpec } from '../../src/openapi/load-spec.js';
import { createOperationMatcher } from '../../src/openapi/match-operation.js';
import { createResponseValidator, jsonPathOf, type ResponseCheck, type ResponseValidator } from '../../src/openapi/response-validator.js';
import type { LoadedSpec } from '../../src/openapi/types.js';

const SPECS = fileURLToPath(new URL('../fixtures/specs/', import.meta.url));

async function load(file: string): Promise<LoadedSpec> {
  const result = await loadSpec(file, { baseDir: SPECS });
  if (!result.ok) throw new Error(result.problem.message);
  return result.spec;
}

function checker(spec: LoadedSpec): (method: string, path: string, status: number, contentType: string | null, body: JsonValue) => ResponseCheck {
  const validator: ResponseValidator = createResponseValidator(spec);
  const match = createOperationMatcher(spec.document);
  return (method, path, status, contentType, body) => {
    const op = match(method, path);
    if (!op) throw new Error(`no operation for ${method} ${path}`);
    return validator.check(op, status, contentType, body);
  };
}

const payment = { id: 'pay_1', amount: 100, method: { type: 'card', last4: '4242' }, created: '2026-11-01T10:00:00Z', reference: 'anything-goes' };

function mismatches(check: ResponseCheck): Array<{ path: string; reason: string }> {
  if (check.kind !== 'checked') throw new Error(`expected a body check, got ${check.kind}`);
  return check.mismatches.map(({ path, reason }) => ({ path, reason }));
}

describe('response validation against an OpenAPI 3.0 spec', () => {
  let check: ReturnType<typeof checker>;
  beforeAll(async () => {
    check = checker(await load('validation.yaml'));
  });

  it('accepts a valid body; writeOnly `secret` is not required in a response; an unknown format is ignored', () => {
    expect(mismatches(check('GET', '/v3/payments/pay_1', 200, 'application/json; charset=utf-8', payment))).toEqual([]);
  });

  it('nullable: null is allowed where the spec says nullable, also for enums', () => {
    expect(mismatches(check('GET', '/v3/payments/pay_1', 200, 'application/json', { ...payment, memo: null, status: null }))).toEqual([]);
    expect(mismatches(check('GET', '/v3/payments/pay_1', 200, 'application/json', { ...payment, amount: null }))).toEqual([
      { path: '$.amount', reason: 'must be integer' },
    ]);
  });

  it('reports type, enum, format and missing required fields with JSONPaths', () => {
    const body = { ...payment, amount: '1.00', status: 'refunded', created: 'yesterday' } as Record<string, JsonValue>;
    delete body.id;
    expect(mismatches(check('GET', '/v3/payments/pay_1', 200, 'application/json', body))).toEqual([
      { path: '$.id', reason: 'is required but missing' },
      { path: '$.amount', reason: 'must be integer' },
      { path: '$.status', reason: 'must be one of "pending", "settled", null' },
      { path: '$.created', reason: 'must match format "date-time"' },
    ]);
  });

  it('discriminator: the value of `type` selects the branch (a "card" must be a Card even if it looks like a Bank)', () => {
    expect(mismatches(check('GET', '/v3/payments/pay_1', 200, 'application/json', { ...payment, method: { type: 'bank', iban: 'DE00' } }))).toEqual([]);
    expect(mismatches(check('GET', '/v3/payments/pay_1', 200, 'application/json', { ...payment, method: { type: 'card', iban: 'DE00' } }))).toEqual([
      { path: '$.method.last4', reason: 'is required but missing' },
    ]);
  });

  it('array items get [*] in the stable path and the concrete index in `at`', () => {
    const result = check('GET', '/v3/payments', 200, 'application/json', [payment, { ...payment, amount: -5 }]);
    expect(result.kind === 'checked' && result.mismatches[0]).toMatchObject({ path: '$[*].amount', at: '$[1].amount', keyword: 'minimum' });
  });

  it('status: exact code, then 4XX range, then default; undocumented otherwise', () => {
    expect(check('GET', '/v3/payments/pay_1', 404, 'application/problem+json', { title: 'Not found' }).kind).toBe('checked');
    expect(check('GET', '/v3/payments', 503, 'text/plain', 'down').kind).toBe('checked');
    const undocumented = check('GET', '/v3/payments/pay_1', 202, 'application/json', {});
    expect(undocumented).toEqual({ kind: 'status-undocumented', status: 202, documented: ['200', '4XX'] });
  });

  it('content type: parameters ignored, wildcards honoured, anything else undocumented', () => {
    expect(check('GET', '/v3/payments/me', 200, 'application/json;charset=UTF-8', { account: 'a' }).kind).toBe('checked');
    const html = check('GET', '/v3/payments/me', 200, 'text/html', '<html>');
    expect(html).toMatchObject({ kind: 'content-type-undocumented', contentType: 'text/html', documented: ['application/json'] });
  });
});

describe('response validation: Swagger 2.0, OpenAPI 3.1, circular schemas', () => {
  it('Swagger 2.0: x-nullable and boolean exclusiveMinimum', async () => {
    const check = checker(await load('swagger2.yaml'));
    expect(mismatches(check('GET', '/api/shipments/s1', 200, 'application/json', { id: 's1', weight_kg: 2, carrier: null }))).toEqual([]);
    expect(mismatches(check('GET', '/api/shipments/s1', 200, 'application/json', { id: 's1', weight_kg: 0 }))).toEqual([
      { path: '$.weight_kg', reason: 'must be > 0' },
    ]);
  });

  it('OpenAPI 3.1 (Ajv2020): type arrays with null, const, numeric exclusiveMinimum', async () => {
    const check = checker(await load('oas31.yaml'));
    expect(mismatches(check('GET', '/v2/contacts/c1', 200, 'application/json', { id: 'c1', kind: 'contact', email: null, score: 3 }))).toEqual([]);
    expect(mismatches(check('GET', '/v2/contacts/c1', 200, 'application/json', { id: 'c1', kind: 'lead', email: 'x@y.io', score: 0 }))).toEqual([
      { path: '$.kind', reason: 'must be equal to constant' },
      { path: '$.score', reason: 'must be > 0' },
    ]);
  });

  it('circular schemas validate deep trees without hanging', async () => {
    const check = checker(await load('circular.yaml'));
    const tree = { name: 'root', children: [{ name: 'a', children: [{ name: 'a1', owner: { name: 'p', favourite: { name: 'x' } } }] }] };
    expect(mismatches(check('GET', '/categories', 200, 'application/json', tree))).toEqual([]);
    const bad = { name: 'root', children: [{ children: [] }] };
    expect(mismatches(check('GET', '/categories', 200, 'application/json', bad))).toEqual([{ path: '$.children[*].name', reason: 'is required but missing' }]);
  });
});

describe('jsonPathOf', () => {
  it('quotes keys that need it and turns indexes into [*]', () => {
    expect(jsonPathOf('/data/3/amount due')).toEqual({ at: "$.data[3]['amount due']", path: "$.data[*]['amount due']" });
    expect(jsonPathOf('', 'id')).toEqual({ at: '$.id', path: '$.id' });
  });
});

describe('formats in ajv-formats `fast` mode: the ones a consumer relies on are still judged', () => {
  const doc = {
    openapi: '3.0.3',
    info: { title: 'Formats', version: '1' },
    paths: {
      '/f': {
        get: {
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      at: { type: 'string', format: 'date-time' },
                      day: { type: 'string', format: 'date' },
                      id: { type: 'string', format: 'uuid' },
                      email: { type: 'string', format: 'email' },
                      link: { type: 'string', format: 'uri' },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
  const good = { at: '2026-11-23T10:00:00Z', day: '2026-11-23', id: '3f1c2a9e-8b7d-4c6e-9a5f-0d1e2f3a4b5c', email: 'owner@example.com', link: 'https://example.com/x?y=1' };

  it.each([
    ['at', 'yesterday'],
    ['day', '23/11/2026'],
    ['id', 'not-a-uuid'],
    ['email', 'no at sign'],
    ['link', 'not a uri'],
  ])('%s = %j breaks its format', (field, value) => {
    const spec = { source: 'formats', version: 'openapi-3.0' as const, document: structuredClone(doc) };
    const validator = createResponseValidator(spec);
    const op = createOperationMatcher(spec.document)('GET', '/f')!;
    expect(mismatches(validator.check(op, 200, 'application/json', good))).toEqual([]);
    const broken = mismatches(validator.check(op, 200, 'application/json', { ...good, [field]: value }));
    expect(broken).toEqual([{ path: `$.${field}`, reason: expect.stringContaining('must match format') }]);
  });
});
