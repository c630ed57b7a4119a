// Fuzzing the pure pipeline (redact -> infer -> diff -> classify) with generated bodies: random, deep, wide, unicode,
// big numbers, duplicate keys. Properties: nothing throws, a body judged against its own baseline is no change, and
// redaction removes every planted secret, in values and in keys.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snapshotShape } from '../../src/core/baseline.js';
import { classify } from '../../src/core/classify.js';
import { diffShapes } from '../../src/core/diff.js';
import { inferShape } from '../../src/core/infer.js';
import type { JsonValue } from '../../src/core/model.js';
import { redactValue } from '../../src/core/redact.js';

const SECRET = 'plAnt3d-S3cr3t-v4lue-0042';

/** Any JSON value, with the odd shapes vendors send: unicode keys, huge and tiny numbers, empty containers. */
const body: fc.Arbitrary<JsonValue> = fc.jsonValue({ maxDepth: 6 }) as fc.Arbitrary<JsonValue>;

/** A value nested `depth` arrays or objects deep. */
const deep = fc.tuple(fc.integer({ min: 50, max: 600 }), fc.boolean()).map(([depth, arrays]): JsonValue => {
  let v: JsonValue = 'leaf';
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { n: v };
  return v;
});

/** An object with thousands of keys (a dictionary keyed by ids), sometimes with a secret among them. */
const wide = fc.tuple(fc.integer({ min: 500, max: 3000 }), fc.boolean()).map(([n, plant]): JsonValue => {
  const out: Record<string, JsonValue> = {};
  for (let i = 0; i < n; i++) out[`k${i}`] = { v: i, s: `x${i % 7}` };
  if (plant) out[SECRET] = { v: -1, s: 'x0' };
  return { byId: out };
});

/** JSON text with a duplicated key: JSON.parse keeps the last, as every vendor client does. */
const duplicated = fc.tuple(fc.string(), fc.jsonValue({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2 })).map(
  ([key, a, b]) => JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(a)},${JSON.stringify(key)}:${JSON.stringify(b)}}`) as JsonValue,
);

/** Plants the secret at random places: as a value, inside a string, as a key. */
function plant(value: JsonValue, where: number): JsonValue {
  if (value === null || typeof value !== 'object') return where % 3 === 0 ? `${String(value)} ${SECRET}` : { [`${SECRET}`]: value };
  if (Array.isArray(value)) return [...value, SECRET];
  return { ...value, note: `see ${SECRET}`, [`id-${SECRET}`]: where };
}

function judgeAgainstItself(value: JsonValue): number {
  const redacted = redactValue(value, [SECRET]);
  const baseline = snapshotShape(inferShape([redacted], { values: 'all' }));
  const observed = inferShape([redacted], { values: 'all' });
  const observations = diffShapes(baseline, observed).map((delta) => ({ source: 'snapshot' as const, endpoint: 'e', delta }));
  return classify(observations, { connector: 'fuzz' }).length;
}

describe('fuzzing redact -> infer -> diff -> classify', () => {
  it.each([
    ['random bodies', body, 100],
    ['deep bodies (50-600 levels)', deep, 40],
    ['wide bodies (500-3000 keys)', wide, 15],
    ['duplicate keys', duplicated, 100],
  ] as const)('%s: never throw, and a body judged against its own baseline is no change', (_name, arbitrary, numRuns) => {
    fc.assert(
      fc.property(arbitrary, (value) => {
        expect(judgeAgainstItself(value)).toBe(0);
      }),
      // Each body must finish well inside this (a loaded CI core included); a quadratic walk on 3,000 keys would not.
      { numRuns, timeout: 5_000, seed: 20261206 },
    );
  });

  it('redaction removes every planted secret, from values and from keys', () => {
    fc.assert(
      fc.property(fc.oneof(body, wide), fc.nat(), (value, where) => {
        const text = JSON.stringify(redactValue(plant(value, where), [SECRET]));
        expect(text).not.toContain(SECRET);
      }),
      { numRuns: 200, seed: 20261206 },
    );
  });
});
