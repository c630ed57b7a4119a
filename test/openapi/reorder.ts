// A copy of a spec with every object's keys and every set-like list (enum, required, union branches, parameters,
// tags, security, servers) in another order: the same document for a consumer, written differently.
import { seededRandom } from '../helpers/seeded-random.js';

const SETS = new Set(['enum', 'required', 'type', 'oneOf', 'anyOf', 'allOf', 'parameters', 'security', 'servers', 'tags']);

function shuffle<T>(items: T[], next: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Reordered copy; `seed` 0 reverses everything (a deterministic worst case for positional pairing). */
export function reorder(value: unknown, seed = 0): unknown {
  const next = seededRandom(seed);
  const order = <T>(items: T[]): T[] => (seed === 0 ? items.reverse() : shuffle(items, next));
  const walk = (v: unknown, key?: string): unknown => {
    if (Array.isArray(v)) {
      const items = v.map((x) => walk(x));
      return key !== undefined && SETS.has(key) ? order(items) : items;
    }
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const k of order(Object.keys(v))) out[k] = walk((v as Record<string, unknown>)[k], k);
    return out;
  };
  return walk(value);
}
