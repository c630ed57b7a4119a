import { describe, expect, it } from 'vitest';
import { learnShape, mergeShapes, snapshotShape } from '../../src/core/baseline.js';
import { diffShapes } from '../../src/core/diff.js';
import { inferShape } from '../../src/core/infer.js';
import type { JsonValue, ShapeSchema } from '../../src/core/model.js';

const times = (n: number, body: (i: number) => JsonValue): JsonValue[] => Array.from({ length: n }, (_, i) => body(i));
const fresh = (bodies: JsonValue[]): ShapeSchema => inferShape(bodies, { values: 'all' });
const accepted = (bodies: JsonValue[]): ShapeSchema => snapshotShape(fresh(bodies));

describe('mergeShapes', () => {
  it('adds counts up, unites types, and recomputes required from the counts', () => {
    const merged = mergeShapes(accepted(times(3, () => ({ a: 1, b: 'x' }))), fresh(times(2, () => ({ a: 2.5 }))));
    expect(merged['x-seen']).toBe(5);
    expect(merged.properties?.a).toMatchObject({ type: 'number', 'x-present': 5 });
    expect(merged.properties?.b?.['x-present']).toBe(3);
    expect(merged.required).toEqual(['a']);
  });

  it('keeps a format only when both sides had it, and a value set only while both kept theirs and it stays small', () => {
    const a = fresh(times(4, (i) => ({ at: `2026-11-0${i + 1}`, s: ['a', 'b'][i % 2]! })));
    const b = fresh(times(4, (i) => ({ at: `day ${i}`, s: ['b', 'c'][i % 2]! })));
    const merged = mergeShapes(a, b);
    expect(merged.properties?.at?.format).toBeUndefined();
    expect(merged.properties?.s?.['x-values']).toEqual(['a', 'b', 'c']);
    const open = mergeShapes(a, fresh(times(20, (i) => ({ s: `v${i}` }))));
    expect(open.properties?.s?.['x-values']).toBeUndefined();
  });

  it('walks 10,000 levels without using the stack', () => {
    const shape: ShapeSchema = { type: 'object', 'x-seen': 1 };
    let node = shape;
    for (let i = 0; i < 10_000; i++) {
      const child: ShapeSchema = { type: 'object', 'x-seen': 1, 'x-present': 1 };
      node.properties = { n: child };
      node = child;
    }
    expect(() => mergeShapes(shape, shape)).not.toThrow();
  });
});

describe('learnShape', () => {
  it('adds a quiet run to what was learned', () => {
    const base = accepted(times(10, (i): JsonValue => (i % 2 ? { id: i, note: 'x' } : { id: i })));
    const learned = learnShape(undefined, fresh(times(5, (i) => ({ id: i }))), base, new Set());
    expect(learned['x-seen']).toBe(5);
    expect(learned.properties?.id?.['x-present']).toBe(5);
  });

  it('learns nothing at a frozen place (an open finding) but its presence', () => {
    const base = accepted(times(20, (i) => ({ id: i, amount: i })));
    const learned = learnShape(undefined, fresh(times(5, (i) => ({ id: i, amount: `${i}.00` }))), base, new Set(['$.amount']));
    expect(learned.properties?.amount).toEqual({ 'x-present': 5 });
    expect(diffShapes(mergeShapes(base, learned), fresh(times(5, (i) => ({ id: i, amount: `${i}.00` })))).map((d) => d.kind)).toEqual(['type-changed']);
  });

  it('extends an absence streak while a property stays away, and ends it when it is back', () => {
    const base = accepted(times(20, (i) => ({ id: i, email: 'a@b.co' })));
    const once = learnShape(undefined, fresh(times(2, (i) => ({ id: i }))), base, new Set());
    expect(once.properties?.email?.['x-absent']).toBe(2);
    const twice = learnShape(once, fresh(times(3, (i) => ({ id: i }))), mergeShapes(base, once), new Set());
    expect(twice.properties?.email?.['x-absent']).toBe(5);
    const back = learnShape(twice, fresh([{ id: 9, email: 'c@d.co' }]), mergeShapes(base, twice), new Set());
    expect(back.properties?.email?.['x-absent']).toBeUndefined();
    expect(back.properties?.email?.['x-excused']).toBeUndefined();
  });

  it('excuses a reported removal the vendor reverted instead of counting it against the field', () => {
    const base = accepted(times(20, (i) => ({ id: i, email: 'a@b.co' })));
    const gone = learnShape(undefined, fresh(times(4, (i) => ({ id: i }))), base, new Set(['$.email']));
    expect(gone.properties?.email).toMatchObject({ 'x-absent': 4, 'x-reported': true });
    const back = learnShape(gone, fresh([{ id: 9, email: 'c@d.co' }]), mergeShapes(base, gone), new Set());
    expect(back.properties?.email?.['x-excused']).toBe(4);
    // The field still looks required: a second removal is called as quickly as the first.
    const again = diffShapes(mergeShapes(base, back), fresh(times(3, (i) => ({ id: i }))));
    expect(again[0]).toMatchObject({ kind: 'property-removed', presence: { present: 21, seen: 21 } });
  });

  it('holds back novelty the evidence does not support yet, and counts it until it does', () => {
    const base = accepted(times(40, (i) => ({ status: ['open', 'paid', 'void', 'draft'][i % 4]!, due: '2026-12-01' })));
    const first = fresh([{ status: 'refunded', due: null }, ...times(9, () => ({ status: 'open', due: '2026-12-02' }))]);
    const learned = learnShape(undefined, first, base, new Set());
    expect(learned.properties?.status?.['x-values']).not.toContain('refunded');
    expect(learned.properties?.status?.['x-pending']).toEqual({ before: 40, seen: 10, values: { refunded: 1 } });
    expect(learned.properties?.due?.type).toBe('string');
    expect(learned.properties?.due?.['x-pending']).toMatchObject({ before: 40, nulls: 1 });
    // Every value of the next runs counts in the window, new or not.
    const quiet = learnShape(learned, fresh(times(10, () => ({ status: 'paid', due: '2026-12-03' }))), mergeShapes(base, learned), new Set());
    expect(quiet.properties?.status?.['x-pending']).toEqual({ before: 40, seen: 20, values: { refunded: 1 }, quiet: 10 });
    const surge = fresh(times(10, () => ({ status: 'refunded', due: '2026-12-04' })));
    const [delta] = diffShapes(mergeShapes(base, quiet), surge).filter((d) => d.kind === 'enum-value-added');
    expect(delta).toMatchObject({ evidence: { observations: 40, newNow: 11, seenNow: 30 } });
  });

  it('keeps a reported novelty through a small run that missed it, and resolves it when a run shows it stopped', () => {
    const base = accepted(times(120, (i) => ({ due: `2026-12-${String((i % 28) + 1).padStart(2, '0')}` })));
    const release = (n: number, offset = 0): JsonValue[] => times(n, (i) => ({ due: (i + offset) % 5 === 0 ? null : '2026-12-01' }));
    const frozen = new Set(['$.due']);
    const nullable = (learned: ShapeSchema, run: ShapeSchema): boolean => diffShapes(mergeShapes(base, learned), run).some((d) => d.kind === 'became-nullable');
    // The release: 1 in 5 null. Reported, and the window keeps counting at the reported place.
    const first = fresh(release(24));
    expect(nullable({}, first)).toBe(true);
    const learned = learnShape(undefined, first, base, frozen);
    expect(learned.properties?.due?.['x-pending']).toMatchObject({ nulls: 5, seen: 19 });
    // Two objects without a null: too few to say the nulls stopped (at 1 in 5, that happens by chance).
    const small = fresh(release(2, 1));
    expect(nullable(learned, small)).toBe(true);
    const missed = learnShape(learned, small, mergeShapes(base, learned), frozen);
    expect(missed.properties?.due?.['x-pending']).toMatchObject({ nulls: 5, quiet: 2 });
    // 30 more without one: the vendor stopped (reverted). The finding resolves and the window closes, nulls unlearned.
    const reverted = fresh(times(30, () => ({ due: '2026-12-01' })));
    expect(nullable(missed, reverted)).toBe(false);
    const closed = learnShape(missed, reverted, mergeShapes(base, missed), frozen);
    expect(closed.properties?.due?.['x-pending']).toBeUndefined();
    expect(mergeShapes(base, closed).properties?.due?.type).toBe('string');
    // Quiet runs after it never reopen it (a window diluted by them would); the next release opens a fresh one.
    const quiet = fresh(times(24, () => ({ due: '2026-12-01' })));
    expect(nullable(closed, quiet)).toBe(false);
    expect(nullable(learnShape(closed, quiet, mergeShapes(base, closed), new Set()), fresh(release(24)))).toBe(true);
  });

  it('keeps fresh-sample counters and learned-only marks out of snapshot files', () => {
    const shape = snapshotShape({ ...fresh([{ s: 'a' }]), 'x-pending': { before: 1, seen: 1 }, 'x-absent': 2 });
    expect(JSON.stringify(shape)).not.toMatch(/x-strings|x-format-hits|x-value-counts|x-pending|x-absent/);
  });
});

describe('dictionaries keyed by data', () => {
  const byId = (n: number, extra: (i: number) => Record<string, JsonValue> = () => ({})): JsonValue => ({
    byId: Object.fromEntries(Array.from({ length: n }, (_, i) => [`inv_${i}`, { amount: i, ...extra(i) }])),
  });

  it('infers an object with more keys than the policy allows a record as one shape of values', () => {
    const shape = inferShape([byId(1500)]);
    expect(shape.properties?.byId).toMatchObject({ 'x-map': true, additionalProperties: { type: 'object', properties: { amount: { type: 'integer' } } } });
    expect(shape.properties?.byId?.properties).toBeUndefined();
  });

  it('judges a dictionary by its values: new keys are no news, a retyped value is', () => {
    const base = snapshotShape(inferShape([byId(1500)], { values: 'all' }));
    expect(diffShapes(base, fresh([byId(1200)]))).toEqual([]);
    const retyped = diffShapes(base, fresh([byId(1200, () => ({ amount: 'x' }))]));
    expect(retyped.map((d) => `${d.kind} ${d.path}`)).toEqual(['type-changed $.byId.*.amount']);
  });

  it('merges with a side that saw fewer keys as one dictionary', () => {
    const merged = mergeShapes(inferShape([byId(1500)]), inferShape([byId(3)]));
    expect(merged.properties?.byId?.['x-map']).toBe(true);
    expect(merged.properties?.byId?.additionalProperties?.['x-seen']).toBe(1503);
  });
});
