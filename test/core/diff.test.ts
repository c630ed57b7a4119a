import { describe, expect, it } from 'vitest';
import { diffShapes, diffSnapshot } from '../../src/core/diff.js';
import { inferShape } from '../../src/core/infer.js';
import type { JsonValue, ShapeSchema, Snapshot } from '../../src/core/model.js';

const snapshotOf = (bodies: JsonValue[], status = 200, contentType: string | null = 'application/json'): Snapshot => ({
  connector: 'c',
  endpoint: 'e',
  request: { method: 'GET', path: '/' },
  response: { status, contentType },
  samples: bodies.length,
  acceptedAt: '2026-11-01T00:00:00Z',
  schema: inferShape(bodies),
});
const observedOf = (bodies: JsonValue[], status = 200, contentType: string | null = 'application/json') => ({
  status,
  contentType,
  schema: inferShape(bodies, { values: 'all' }),
  samples: bodies.length,
});

describe('diffSnapshot', () => {
  it('says nothing when nothing changed', () => {
    const bodies = [{ id: 1, status: 'open' }, { id: 2, status: 'open' }];
    expect(diffSnapshot(snapshotOf(bodies), observedOf(bodies))).toEqual([]);
  });

  it('compares bodies of different 2xx statuses, but not a 2xx against an error', () => {
    const before = snapshotOf([{ id: 1 }]);
    expect(diffSnapshot(before, observedOf([{ id: '1' }], 201)).map((d) => d.kind)).toEqual(['status-changed', 'type-changed']);
    expect(diffSnapshot(before, observedOf([{ error: 'x' }], 500)).map((d) => d.kind)).toEqual(['status-changed']);
  });

  it('compares media types only, and bodies only across JSON media types', () => {
    const before = snapshotOf([{ id: 1 }], 200, 'application/json; charset=utf-8');
    expect(diffSnapshot(before, observedOf([{ id: 1 }], 200, 'application/json'))).toEqual([]);
    expect(diffSnapshot(before, observedOf(['<html>'], 200, 'text/html')).map((d) => d.kind)).toEqual(['content-type-changed']);
    expect(diffSnapshot(before, observedOf([{ id: 's' }], 200, 'application/vnd.api+json')).map((d) => d.kind)).toEqual([
      'content-type-changed',
      'type-changed',
    ]);
  });

  it('gives each delta its location, path and the evidence the rules judge it on', () => {
    const before = snapshotOf([{ data: [{ id: 1, amount_due: 5 }, { id: 2, amount_due: 6 }] }]);
    const deltas = diffSnapshot(before, observedOf([{ data: [{ id: 1 }] }]));
    expect(deltas).toEqual([
      {
        kind: 'property-removed',
        location: 'response',
        path: '$.data[*].amount_due',
        before: ['integer'],
        presence: { present: 2, seen: 2, absent: 1, absentNow: 1, seenNow: 1 },
      },
    ]);
  });

  it('counts an absence streak learned before this run into the evidence', () => {
    const schema = inferShape([{ id: 1, n: 1 }, { id: 2, n: 2 }, { id: 3 }]);
    schema.properties!['n']!['x-absent'] = 1;
    const deltas = diffSnapshot({ ...snapshotOf([]), schema }, observedOf([{ id: 4 }, { id: 5 }]));
    expect(deltas).toEqual([
      { kind: 'property-removed', location: 'response', path: '$.n', before: ['integer'], presence: { present: 2, seen: 2, absent: 3, absentNow: 2, seenNow: 2 } },
    ]);
  });
});

describe('diffShapes', () => {
  it('uses the base path given', () => {
    const deltas = diffShapes(inferShape([{ a: 1 }]), inferShape([{ a: 1, b: 2 }]), '$.body');
    expect(deltas).toEqual([{ kind: 'property-added', location: 'response', path: '$.body.b', after: ['integer'], presentNow: 1, seenNow: 1 }]);
  });

  it('falls back on required when a hand-written snapshot has no counts', () => {
    const before: ShapeSchema = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, required: ['a'] };
    const deltas = diffShapes(before, inferShape([{ c: 'x' }]));
    // `a` is required and has no counts: taken at its word. `b` has no evidence at all: the rule will weigh nothing.
    expect(deltas.filter((d) => d.kind === 'property-removed')).toEqual([
      { kind: 'property-removed', location: 'response', path: '$.a', before: ['string'], renamedTo: '$.c' },
      { kind: 'property-removed', location: 'response', path: '$.b', before: ['string'], presence: { present: 0, seen: 0, absent: 1, absentNow: 1, seenNow: 1 } },
    ]);
  });

  it('reports several independent changes in one pass, breadth first: the properties of one level before the level below', () => {
    const before = inferShape([
      { a: 1, b: { c: 'x', d: '2026-01-01' }, e: ['x'] },
      { a: 2, b: { c: 'y', d: '2026-01-02' }, e: ['y'] },
    ]);
    const after = inferShape([{ a: '1', b: { c: null, d: 'soon' }, e: [1], f: true }], { values: 'all' });
    expect(diffShapes(before, after).map((d) => `${d.kind} ${d.path}`)).toEqual([
      'property-added $.f',
      'type-changed $.a',
      'became-nullable $.b.c',
      'format-changed $.b.d',
      'items-type-changed $.e[*]',
    ]);
  });
});
