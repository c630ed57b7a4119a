// oneOf / anyOf branches of two versions paired by identity, never by position: the same `$ref`, then the same
// discriminator value, then the same meaning, then the closest structure. What stays unpaired was added or removed.
import { dataHash, hashOf } from './canonical.js';
import { isRecord } from './refs.js';
import { unwrapRef, viewOf, type SchemaView } from './schema-view.js';
import type { OpenApiDocument } from './types.js';

export interface BranchPairing {
  pairs: Array<[unknown, unknown]>;
  added: unknown[];
  removed: unknown[];
}

interface Side {
  doc: OpenApiDocument;
  branches: readonly unknown[];
  discriminator?: { property: string; mapping: Map<string, string> } | undefined;
}

/** Every discriminator value a branch answers to: the mapping's values pointing at it, or its own `const`/one-value enum. */
function discriminatorValues(side: Side, branch: unknown): string[] {
  const disc = side.discriminator;
  if (!disc) return [];
  const ref = unwrapRef(branch)?.ref;
  const out: string[] = [];
  if (ref !== undefined) {
    for (const [value, target] of disc.mapping) if (target === ref) out.push(value);
    // Without an explicit mapping the component's name is the value (OpenAPI's implicit mapping).
    if (out.length === 0 && disc.mapping.size === 0) out.push(ref.split('/').pop() ?? ref);
  }
  const prop = viewOf(side.doc, branch).properties.get(disc.property);
  const values = prop ? viewOf(side.doc, prop.schema).enum : undefined;
  if (values && values.length === 1 && typeof values[0] === 'string') out.push(values[0]);
  return out;
}

function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common);
}

function typesMeet(a: SchemaView, b: SchemaView): boolean {
  if (a.types.size === 0 || b.types.size === 0) return true;
  for (const t of a.types) if (b.types.has(t) || (t === 'integer' && b.types.has('number')) || (t === 'number' && b.types.has('integer'))) return true;
  return false;
}

/** How alike two branches are (0: not the same branch). */
function similarity(a: SchemaView, b: SchemaView, titleA: unknown, titleB: unknown): number {
  if (!typesMeet(a, b)) return 0;
  let score = 1;
  if (a.properties.size > 0 || b.properties.size > 0) score += 4 * jaccard(new Set(a.properties.keys()), new Set(b.properties.keys()));
  if (a.enum && b.enum) score += 2 * jaccard(new Set(a.enum.map(dataHash)), new Set(b.enum.map(dataHash)));
  if (a.format === b.format) score += 0.5;
  if (typeof titleA === 'string' && titleA === titleB) score += 3;
  if ((a.items === undefined) === (b.items === undefined)) score += 0.5;
  return score;
}

const titleOf = (branch: unknown): unknown => (isRecord(branch) ? branch.title : undefined);

/** Pairs the branches of two unions (`before` from the old document, `after` from the new one). */
export function pairBranches(old: Side, now: Side): BranchPairing {
  const left = old.branches.map((b, i) => ({ b, i }));
  const right = now.branches.map((b, i) => ({ b, i }));
  const pairs: Array<[unknown, unknown]> = [];
  const take = (match: (a: unknown, b: unknown) => boolean): void => {
    for (let i = 0; i < left.length; i++) {
      const j = right.findIndex((r) => match(left[i]!.b, r.b));
      if (j < 0) continue;
      pairs.push([left[i]!.b, right[j]!.b]);
      left.splice(i--, 1);
      right.splice(j, 1);
    }
  };
  // 1. The same component.
  take((a, b) => {
    const x = unwrapRef(a)?.ref;
    return x !== undefined && x === unwrapRef(b)?.ref;
  });
  // 2. The same discriminator value.
  if (old.discriminator && now.discriminator) {
    take((a, b) => {
      const x = discriminatorValues(old, a);
      const y = new Set(discriminatorValues(now, b));
      return x.some((v) => y.has(v));
    });
  }
  // 3. The same meaning, written the same way (inline branches).
  take((a, b) => hashOf(a) === hashOf(b));
  // 4. The closest structure, best pairs first; ties go to the earlier branches so the result is deterministic.
  if (left.length > 0 && right.length > 0) {
    const scored: Array<{ l: number; r: number; score: number }> = [];
    left.forEach((l, li) =>
      right.forEach((r, ri) => {
        const score = similarity(viewOf(old.doc, l.b), viewOf(now.doc, r.b), titleOf(l.b), titleOf(r.b));
        if (score > 0) scored.push({ l: li, r: ri, score });
      }),
    );
    scored.sort((x, y) => y.score - x.score || hashOf(left[x.l]!.b) - hashOf(left[y.l]!.b) || hashOf(right[x.r]!.b) - hashOf(right[y.r]!.b));
    const usedL = new Set<number>();
    const usedR = new Set<number>();
    for (const s of scored) {
      if (usedL.has(s.l) || usedR.has(s.r)) continue;
      usedL.add(s.l);
      usedR.add(s.r);
      pairs.push([left[s.l]!.b, right[s.r]!.b]);
    }
    return {
      pairs,
      removed: left.filter((_, i) => !usedL.has(i)).map((x) => x.b),
      added: right.filter((_, i) => !usedR.has(i)).map((x) => x.b),
    };
  }
  return { pairs, removed: left.map((x) => x.b), added: right.map((x) => x.b) };
}

/** A branch as a person names it: its component, its title, or its type and first properties. */
export function branchName(doc: OpenApiDocument, branch: unknown): string {
  const ref = unwrapRef(branch)?.ref;
  if (ref !== undefined) return ref.split('/').pop() ?? ref;
  if (isRecord(branch) && typeof branch.title === 'string') return branch.title;
  const view = viewOf(doc, branch);
  const types = [...view.types].sort().join(' or ') || 'any';
  if (view.enum) return `${types} ${view.enum.slice(0, 3).map((v) => JSON.stringify(v)).join('|')}`;
  if (view.properties.size > 0) return `${types} {${[...view.properties.keys()].slice(0, 3).join(', ')}${view.properties.size > 3 ? ', …' : ''}}`;
  if (view.required.size > 0) return `{required: ${[...view.required].slice(0, 3).join(', ')}}`;
  const union = view.oneOf ? ['oneOf', view.oneOf] as const : view.anyOf ? ['anyOf', view.anyOf] as const : undefined;
  if (union && view.types.size === 0) return `${union[0]} of ${union[1].length}`;
  return types;
}
