import { describe, expect, it } from 'vitest';
import { inferShape } from '../../src/core/infer.js';
import type { JsonValue, ShapeSchema } from '../../src/core/model.js';

const prop = (schema: ShapeSchema, ...keys: string[]): ShapeSchema => {
  let node = schema;
  for (const key of keys) {
    const next = key === '[*]' ? node.items : node.properties?.[key];
    if (next === undefined) throw new Error(`no ${key} in ${JSON.stringify(node)}`);
    node = next;
  }
  return node;
};

describe('inferShape', () => {
  it('counts bodies at the root and presence per property; required = present in all, sorted', () => {
    const shape = inferShape([{ b: 1, a: 'x' }, { a: 'y', c: true }, { a: 'z', b: 2 }]);
    expect(shape.type).toBe('object');
    expect(shape['x-seen']).toBe(3);
    expect(Object.keys(shape.properties ?? {})).toEqual(['a', 'b', 'c']);
    expect(prop(shape, 'a')['x-present']).toBe(3);
    expect(prop(shape, 'b')['x-present']).toBe(2);
    expect(prop(shape, 'c')['x-present']).toBe(1);
    expect(shape.required).toEqual(['a']);
  });

  it('marks nullability with a sorted type list, and integer vs number', () => {
    const shape = inferShape([
      { n: 1, m: 1, s: 'a', x: null },
      { n: 2, m: 1.5, s: null, x: null },
    ]);
    expect(prop(shape, 'n').type).toBe('integer');
    expect(prop(shape, 'm').type).toBe('number');
    expect(prop(shape, 's').type).toEqual(['null', 'string']);
    expect(prop(shape, 'x').type).toBe('null');
    expect(inferShape([1, 'a', true, null, [], {}]).type).toEqual(['array', 'boolean', 'integer', 'null', 'object', 'string']);
    expect(inferShape([1, 2.5, null]).type).toEqual(['null', 'number']);
  });

  it.each<[string, string[], string | undefined]>([
    ['date-time', ['2026-11-23T09:15:00Z', '2026-01-01T00:00:00.123+02:00'], 'date-time'],
    ['date', ['2026-11-23', '1999-12-31'], 'date'],
    ['email', ['ada@example.com', 'b.c+tag@mail.example.org'], 'email'],
    ['uri', ['https://example.com/a?b=c', 'urn:isbn:0451450523'], 'uri'],
    ['uuid', ['123e4567-e89b-12d3-a456-426614174000', 'A23E4567-E89B-12D3-A456-426614174000'], 'uuid'],
    ['date-time without offset is no date-time', ['2026-11-23T09:15:00Z', '2026-11-23T09:15:00'], undefined],
    ['mixed formats have none', ['2026-11-23', 'ada@example.com'], undefined],
    ['a word:word is not a uri', ['status:open', 'status:paid'], undefined],
    ['an impossible month is not a date', ['2026-13-01'], undefined],
  ])('string format: %s', (_name, values, format) => {
    const shape = inferShape(values.map((v) => ({ v })));
    expect(prop(shape, 'v').format).toBe(format);
  });

  it('ignores nulls when deciding a format', () => {
    expect(prop(inferShape([{ v: '2026-11-23' }, { v: null }]), 'v').format).toBe('date');
    expect(prop(inferShape([{ v: null }]), 'v').format).toBeUndefined();
  });

  it('merges array items across all items of all arrays at the node', () => {
    const shape = inferShape([{ tags: ['a', 'b'] }, { tags: [1] }, { tags: [] }]);
    const items = prop(shape, 'tags', '[*]');
    expect(items.type).toEqual(['integer', 'string']);
    expect(items['x-seen']).toBe(3);
    expect(prop(shape, 'tags')['x-seen']).toBe(3);
  });

  it('counts the objects of one list response as samples', () => {
    const data = Array.from({ length: 20 }, (_, i): JsonValue => (i % 4 === 0 ? { id: i } : { id: i, note: 'n' }));
    const shape = inferShape([{ object: 'list', data }]);
    const item = prop(shape, 'data', '[*]');
    expect(item['x-seen']).toBe(20);
    expect(prop(item, 'id')['x-present']).toBe(20);
    expect(prop(item, 'note')['x-present']).toBe(15);
    expect(item.required).toEqual(['id']);
  });

  it('leaves out items when every array was empty', () => {
    const shape = inferShape([{ data: [] }, { data: [] }]);
    expect(prop(shape, 'data').type).toBe('array');
    expect(prop(shape, 'data').items).toBeUndefined();
  });

  it('handles nested arrays', () => {
    const shape = inferShape([{ grid: [[1, 2], [3]] }, { grid: [[{ a: 1 }]] }]);
    const inner = prop(shape, 'grid', '[*]', '[*]');
    expect(prop(shape, 'grid', '[*]')['x-seen']).toBe(3);
    expect(inner.type).toEqual(['integer', 'object']);
    expect(inner['x-seen']).toBe(1);
    expect(prop(inner, 'a')['x-present']).toBe(1);
  });

  describe('x-values', () => {
    const statuses = (values: string[]): JsonValue[] => values.map((status) => ({ status }));

    it('categorical: records a small repeated set, sorted', () => {
      const shape = inferShape(statuses(['paid', 'open', 'paid', 'open', 'void', 'void']));
      expect(prop(shape, 'status')['x-values']).toEqual(['open', 'paid', 'void']);
    });

    it('categorical: not without repetition (unique ids are no closed set)', () => {
      expect(prop(inferShape(statuses(['a', 'b', 'c', 'd', 'e'])), 'status')['x-values']).toBeUndefined();
      expect(prop(inferShape(statuses(['a', 'b', 'a'])), 'status')['x-values']).toBeUndefined();
      expect(prop(inferShape(statuses(['a', 'b', 'a', 'b'])), 'status')['x-values']).toEqual(['a', 'b']);
    });

    it('categorical: not for formatted or long strings, nor beyond maxValues', () => {
      expect(prop(inferShape(statuses(['2026-01-01', '2026-01-01', '2026-01-01'])), 'status')['x-values']).toBeUndefined();
      const long = 'x'.repeat(65);
      expect(prop(inferShape(statuses([long, long, long])), 'status')['x-values']).toBeUndefined();
      const many = Array.from({ length: 13 }, (_, i) => `s${i}`);
      expect(prop(inferShape(statuses([...many, ...many])), 'status')['x-values']).toBeUndefined();
      expect(prop(inferShape(statuses([...many, ...many]), { maxValues: 13 }), 'status')['x-values']).toHaveLength(13);
    });

    it("'all': records whenever distinct <= maxValues, so a single new value is visible", () => {
      expect(prop(inferShape(statuses(['uncollectible'])), 'status')['x-values']).toBeUndefined();
      expect(prop(inferShape(statuses(['uncollectible']), { values: 'all' }), 'status')['x-values']).toEqual(['uncollectible']);
      const many = Array.from({ length: 13 }, (_, i) => `s${i}`);
      expect(prop(inferShape(statuses(many), { values: 'all' }), 'status')['x-values']).toBeUndefined();
    });
  });

  it('keeps a __proto__ key as data', () => {
    const shape = inferShape([JSON.parse('{"__proto__": {"a": 1}, "b": 2}') as JsonValue]);
    expect(Object.keys(shape.properties ?? {})).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(shape.properties)).toBe(Object.prototype);
    expect(shape.properties?.['__proto__']?.type).toBe('object');
  });

  it('handles no bodies', () => {
    expect(inferShape([])).toEqual({ 'x-seen': 0 });
  });
});
