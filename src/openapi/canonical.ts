// Canonical identity of a spec fragment: what it means, not how it is written (key order, set order, prose and
// vendor extensions left out), as a 53-bit structural hash memoised per object (entries summed, so no sorting), so two fragments that mean the same
// compare equal in O(1) after one pass, and unchanged subtrees of two versions are recognised without being walked.

/** Keys that carry no meaning for a consumer's code: prose, examples, vendor extensions (`x-*`, checked apart). */
export const ANNOTATION_KEYS: ReadonlySet<string> = new Set([
  'description', 'summary', 'title', 'example', 'examples', 'externalDocs', '$comment', 'xml', '$schema', '$id', '$anchor',
]);

/** Keywords whose arrays are sets: the order of their items means nothing. */
const SET_KEYS = new Set(['enum', 'required', 'type', 'oneOf', 'anyOf', 'allOf']);
/** Keywords whose object value maps names to schemas: the names are data, never keywords to leave out. */
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas', 'mapping']);
/** Keywords whose value is data (an instance), hashed as written apart from key order. */
const DATA_KEYS = new Set(['enum', 'const', 'default']);

/** FNV-1a over a string, with a seed so two independent 32-bit lanes can be made. */
function strHash(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's finaliser over (h xor v): an order-sensitive combination of two 32-bit values. */
function mix(h: number, v: number): number {
  let x = (h ^ v) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

const SEED_A = 0x811c9dc5;
const SEED_B = 0x3b9aca07;
const TWO_32 = 4_294_967_296;

/** Two 32-bit lanes folded into one safe integer: lane A whole, lane B's low 21 bits. */
const fold = (a: number, b: number): number => (b & 0x1fffff) * TWO_32 + a;
const laneA = (h: number): number => h >>> 0;
const laneB = (h: number): number => Math.floor(h / TWO_32);

/** Keys and short values repeat endlessly in a spec (`type`, `string`, `description`): their hashes are kept. */
const leaves = new Map<string, number>();

function leaf(text: string): number {
  const hit = leaves.get(text);
  if (hit !== undefined) return hit;
  const h = fold(strHash(text, SEED_A), strHash(text, SEED_B));
  if (text.length <= 64) {
    if (leaves.size > 100_000) leaves.clear();
    leaves.set(text, h);
  }
  return h;
}

/**
 * Accumulates (key, value) entries into two lanes. Unordered entries (an object's keys, a set's items) are summed,
 * so no sorting is needed and order cannot matter; ordered ones (an array) are chained.
 */
class Acc {
  a: number;
  b: number;
  constructor(tag: number) {
    this.a = laneA(tag);
    this.b = laneB(tag);
  }
  /** An entry whose position does not matter. */
  add(key: number, value: number): void {
    this.a = (this.a + mix(laneA(key), laneA(value))) >>> 0;
    this.b = (this.b + mix(laneB(key) ^ laneA(value), laneB(value))) >>> 0;
  }
  /** The next item of a sequence. */
  chain(value: number): void {
    this.a = mix(this.a, laneA(value));
    this.b = mix(this.b, laneB(value) ^ laneA(value));
  }
  done(): number {
    return fold(mix(this.a, 0x9e3779b9), mix(this.b, 0x7f4a7c15));
  }
}

type Mode = 'schema' | 'data';
const memo = { schema: new WeakMap<object, number>(), data: new WeakMap<object, number>() };
const TAG_ARRAY = leaf('[');
const TAG_OBJECT = leaf('{');
const TAG_SET = leaf('set');
const TAG_NAMES = leaf('names');

const TAG_NUMBER = leaf('number:');
const TAG_OTHER = leaf('other:');

/** A primitive's hash: strings by their text, other primitives tagged by type so `1` and `"1"` differ. */
function primitive(value: unknown): number {
  if (typeof value === 'string') return leaf(value);
  const acc = new Acc(typeof value === 'number' ? TAG_NUMBER : TAG_OTHER);
  acc.chain(leaf(String(value)));
  return acc.done();
}

/** Deeper than this a fragment gets a hash of its own (equal to nothing), so the walk goes and says what it cannot judge. */
const MAX_HASH_DEPTH = 1_000;
let unique = 0;

function hashIn(value: unknown, mode: Mode, depth = 0): number {
  if (value === null || typeof value !== 'object') return primitive(value);
  if (depth > MAX_HASH_DEPTH) return fold(++unique, 0x5eed);
  const cache = memo[mode];
  const hit = cache.get(value);
  if (hit !== undefined) return hit;
  let h: number;
  if (Array.isArray(value)) {
    const acc = new Acc(TAG_ARRAY);
    for (const v of value) acc.chain(hashIn(v, mode, depth + 1));
    h = acc.done();
  } else {
    const record = value as Record<string, unknown>;
    const acc = new Acc(TAG_OBJECT);
    for (const key in record) {
      const v = record[key];
      if (mode === 'data') {
        acc.add(leaf(key), hashIn(v, 'data', depth + 1));
        continue;
      }
      if (ANNOTATION_KEYS.has(key) || (key.charCodeAt(0) === 120 && key.startsWith('x-') && key !== 'x-nullable')) continue;
      let inner: number;
      if (DATA_KEYS.has(key)) inner = key === 'enum' && Array.isArray(v) ? setHash(v, 'data', depth + 1) : hashIn(v, 'data', depth + 1);
      else if (SET_KEYS.has(key) && Array.isArray(v)) inner = setHash(v, 'schema', depth + 1);
      else if (NAME_MAPS.has(key) && v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const map = v as Record<string, unknown>;
        const names = new Acc(TAG_NAMES);
        for (const name in map) names.add(leaf(name), hashIn(map[name], 'schema', depth + 1));
        inner = names.done();
      } else inner = hashIn(v, 'schema', depth + 1);
      acc.add(leaf(key), inner);
    }
    h = acc.done();
  }
  cache.set(value, h);
  return h;
}

function setHash(items: readonly unknown[], mode: Mode, depth: number): number {
  const acc = new Acc(TAG_SET);
  for (const item of items) acc.add(TAG_SET, hashIn(item, mode, depth + 1));
  return acc.done();
}

/** The structural hash of a schema fragment (annotations, key order and set order left out); memoised per object. */
export function hashOf(value: unknown): number {
  return hashIn(value, 'schema');
}

/** The hash of a JSON instance (an enum value, a default) with its keys sorted. */
export function dataHash(value: unknown): number {
  return hashIn(value, 'data');
}
