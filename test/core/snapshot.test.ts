import { describe, expect, it } from 'vitest';
import type { JsonValue, Sample } from '../../src/core/model.js';
import { REDACTED } from '../../src/core/redact.js';
import { SNAPSHOT_SCHEMA_URI, buildSnapshot, parseSnapshot, stableStringify } from '../../src/core/snapshot.js';

const sample = (body: JsonValue, status = 200, contentType: string | null = 'application/json', bodyHash = JSON.stringify(body)): Sample => ({
  connector: 'billing',
  endpoint: 'list-invoices',
  method: 'GET',
  url: 'https://api.example.com/v1/invoices',
  status,
  contentType,
  headers: {},
  latencyMs: 12,
  sizeBytes: 100,
  bodyHash,
  body,
  takenAt: '2026-11-23T09:00:00Z',
  attempts: 1,
});

const list = (n: number): JsonValue => ({
  data: Array.from({ length: n }, (_, i) => ({ id: i, status: i % 2 ? 'paid' : 'open', lines: [{ a: 1 }, { a: 2 }, { a: 3 }, { a: 4 }] })),
  secret: 'shh',
});

describe('buildSnapshot', () => {
  const snapshot = buildSnapshot({
    connector: 'billing',
    endpoint: 'list-invoices',
    method: 'GET',
    path: '/v1/invoices',
    samples: [sample(list(5)), sample(list(2), 200, 'application/json; charset=utf-8')],
    acceptedAt: '2026-11-23T10:00:00Z',
  });

  it('records request, the last response, the sample count and the shape', () => {
    expect(snapshot.request).toEqual({ method: 'GET', path: '/v1/invoices' });
    expect(snapshot.response).toEqual({ status: 200, contentType: 'application/json; charset=utf-8' });
    expect(snapshot.samples).toBe(2);
    expect(snapshot.acceptedAt).toBe('2026-11-23T10:00:00Z');
    expect(snapshot.schema.$schema).toBe(SNAPSHOT_SCHEMA_URI);
    expect(snapshot.schema['x-seen']).toBe(2);
    expect(snapshot.schema.properties?.['data']?.items?.['x-seen']).toBe(7);
    expect(snapshot.schema.properties?.['data']?.items?.properties?.['status']?.['x-values']).toEqual(['open', 'paid']);
  });

  it('keeps a trimmed, redacted example of the first body', () => {
    const example = snapshot.example as { data: { lines: unknown[] }[]; secret: string };
    expect(example.data).toHaveLength(3);
    expect(example.data[0]?.lines).toHaveLength(3);
    expect(example.secret).toBe(REDACTED);
  });

  it('counts byte-identical bodies once: a single resource sampled thrice is no closed value set', () => {
    const body = { id: 'inv_1', customer: 'Acme', status: 'paid' };
    const repeated = buildSnapshot({ connector: 'c', endpoint: 'e', method: 'GET', path: '/', samples: [sample(body), sample(body), sample(body)], acceptedAt: 'x' });
    expect(repeated.samples).toBe(3);
    expect(repeated.schema['x-seen']).toBe(1);
    expect(repeated.schema.properties?.['customer']?.['x-values']).toBeUndefined();
    const unhashed = buildSnapshot({ connector: 'c', endpoint: 'e', method: 'GET', path: '/', samples: [sample(body, 200, null, ''), sample(body, 200, null, '')], acceptedAt: 'x' });
    expect(unhashed.schema['x-seen']).toBe(2);
  });

  it('treats no samples as a bug', () => {
    expect(() => buildSnapshot({ connector: 'c', endpoint: 'e', method: 'GET', path: '/', samples: [], acceptedAt: 'x' })).toThrow(/no samples/);
  });

  it('round-trips through stableStringify and parseSnapshot', () => {
    const text = stableStringify(snapshot);
    const parsed = parseSnapshot(text, 'snapshots/billing/list-invoices.json');
    expect(parsed.problem).toBeUndefined();
    expect(parsed.snapshot).toEqual(snapshot);
  });
});

describe('stableStringify', () => {
  it('sorts keys at every depth, indents by 2 and ends with a newline', () => {
    expect(stableStringify({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(
      '{\n  "a": {\n    "c": null,\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });

  it('gives the same text whatever the insertion order', () => {
    expect(stableStringify({ x: 1, y: { p: 1, q: 2 } })).toBe(stableStringify({ y: { q: 2, p: 1 }, x: 1 }));
  });
});

describe('parseSnapshot', () => {
  const valid = {
    connector: 'billing',
    endpoint: 'e',
    request: { method: 'GET', path: '/x' },
    response: { status: 200, contentType: null },
    samples: 1,
    acceptedAt: '2026-11-23T10:00:00Z',
    schema: { type: 'object', properties: { a: { type: ['null', 'string'], 'x-present': 1 } }, 'x-seen': 1 },
  };

  it('accepts a valid snapshot', () => {
    expect(parseSnapshot(JSON.stringify(valid), 'f.json').snapshot).toEqual(valid);
  });

  it.each<[string, string, { line: number; col: number }]>([
    ['a missing value', '{\n  "a": 1,\n  "b": \n}', { line: 4, col: 1 }],
    ['a trailing comma', '{\n  "a": 1,\n}', { line: 3, col: 1 }],
    ['a truncated file', '{\n  "a": [1, 2', { line: 2, col: 13 }],
    ['a bad literal', '{"a": tru}', { line: 1, col: 10 }],
    ['trailing garbage', '{}\n}', { line: 2, col: 1 }],
  ])('names line and column of %s', (_name, text, where) => {
    const { problem, snapshot } = parseSnapshot(text, 'snapshots/b/e.json');
    expect(snapshot).toBeUndefined();
    expect(problem).toMatchObject({ file: 'snapshots/b/e.json', ...where });
    expect(problem?.message).toMatch(/^not valid JSON/);
  });

  it.each<[string, (v: Record<string, unknown>) => void, string]>([
    ['no connector', (v) => delete v.connector, 'connector'],
    ['a bad method', (v) => (v.request = { method: 'FETCH', path: '/' }), 'request.method'],
    ['a bad status', (v) => (v.response = { status: 42, contentType: null }), 'response.status'],
    ['a bad content type', (v) => (v.response = { status: 200, contentType: 3 }), 'response.contentType'],
    ['no schema', (v) => delete v.schema, 'schema'],
    ['a bad type deep down', (v) => (v.schema = { properties: { a: { items: { type: 'float' } } } }), 'schema.properties.a.items.type'],
    ['bad x-values', (v) => (v.schema = { 'x-values': [1] }), 'schema.x-values'],
    ['a negative count', (v) => (v.schema = { 'x-seen': -1 }), 'schema.x-seen'],
  ])('names where %s is', (_name, spoil, at) => {
    const v = structuredClone(valid) as Record<string, unknown>;
    spoil(v);
    const { problem } = parseSnapshot(JSON.stringify(v), 'f.json');
    expect(problem?.at).toBe(at);
    expect(problem?.file).toBe('f.json');
  });

  it('rejects a non-object', () => {
    expect(parseSnapshot('[]', 'f.json').problem?.message).toMatch(/JSON object/);
  });
});
