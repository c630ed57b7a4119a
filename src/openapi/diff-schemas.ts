// Schema x schema -> facts, walking two OpenAPI Schema Objects side by side. A difference inside a component is found
// once, placed at the component (its `$ref`), however many operations reach it; the places form a graph (edges: "this
// place holds that component at this JSON path") from which reach and concrete paths are read afterwards. Bounded:
// a step budget and a nesting limit turn a pathological document into a "not judged" note, never a hang.
// Over 300 lines: the walk and its bounds share one budget and one place graph; split, each half would carry both.
import { childPath } from '../core/jsonpath.js';
import { dataHash, hashOf } from './canonical.js';
import { branchName, pairBranches } from './pair-branches.js';
import { isRecord } from './refs.js';
import { resolveSchema, typeList, uncoveredTypes, unwrapRef, viewOf, type Bound, type PropertyDecl, type SchemaView } from './schema-view.js';

const ANY_PROPERTY: PropertyDecl = { schema: {} };
import type { OpenApiDocument } from './types.js';

/** A response (or a webhook payload) is what the consumer reads; a request is what it sends. */
export type SchemaSide = 'response' | 'request';

/** What changed, with no opinion: spec-deltas.ts turns facts into typed deltas for the side they sit on. */
export interface Fact {
  kind:
    | 'type'
    | 'nullable-added'
    | 'nullable-removed'
    | 'format'
    | 'enum-added'
    | 'enum-removed'
    | 'enum-set'
    | 'enum-unset'
    | 'default'
    | 'pattern'
    | 'bound'
    | 'property-added'
    | 'property-removed'
    | 'required-added'
    | 'required-removed'
    | 'became-read-only'
    | 'became-write-only'
    | 'deprecated'
    | 'branch-added'
    | 'branch-removed'
    | 'discriminator'
    | 'keyword';
  before?: unknown;
  after?: unknown;
  /** `keyword` for bounds and unmodelled keywords; `tightened`; `required`; `widened`/`narrowed` types. */
  detail?: Record<string, unknown>;
}

export interface PlacedFact {
  /** A root place (an operation's response, body, parameter...) or a component's `$ref`. */
  place: string;
  /** JSONPath suffix below the place's root: `''`, `.amount`, `.data[*].id`. */
  rel: string;
  fact: Fact;
}

export interface Edge {
  rel: string;
  to: string;
}

/** Shared by every walk of one diff: the total work allowed, and what was left unjudged. */
export interface WalkBudget {
  steps: number;
  maxSteps: number;
  exhausted: boolean;
  notes: string[];
}

export function createWalkBudget(maxSteps = 5_000_000): WalkBudget {
  return { steps: 0, maxSteps, exhausted: false, notes: [] };
}

export interface SchemaDiffEnv {
  oldDoc: OpenApiDocument;
  newDoc: OpenApiDocument;
  side: SchemaSide;
  facts: PlacedFact[];
  edges: Map<string, Edge[]>;
  budget: WalkBudget;
  factKeys: Set<string>;
  edgeKeys: Set<string>;
  queued: Set<string>;
  queue: Array<{ place: string; before: unknown; after: unknown }>;
  /** The two schemas compared at each root place (for the cross-check). */
  rootSchemas: Map<string, { before: unknown; after: unknown }>;
  /** How many "does one variant take the other's values" checks this walk sits inside (they nest, so bounded). */
  nesting: number;
}

/** Inline nesting deeper than this is not judged (components are walked apart, so real specs stay far below). */
const MAX_DEPTH = 64;

export function createSchemaDiffEnv(oldDoc: OpenApiDocument, newDoc: OpenApiDocument, side: SchemaSide, budget = createWalkBudget()): SchemaDiffEnv {
  return { oldDoc, newDoc, side, facts: [], edges: new Map(), budget, factKeys: new Set(), edgeKeys: new Set(), queued: new Set(), queue: [], rootSchemas: new Map(), nesting: 0 };
}

/** The place of a pair of components: the component itself, or `old → new` when a reference was repointed. */
function componentPlace(before: string, after: string): string {
  return before === after ? after : `${before} → ${after}`;
}

/** Compares two schemas at a root place, then every component pair they reach (each pair once per env). */
export function diffRoot(env: SchemaDiffEnv, place: string, before: unknown, after: unknown): void {
  env.rootSchemas.set(place, { before, after });
  compare(env, place, '', before, after, 0);
  drain(env);
}

function drain(env: SchemaDiffEnv): void {
  while (env.queue.length > 0 && !env.budget.exhausted) {
    const next = env.queue.pop()!;
    const a = resolveSchema(env.oldDoc, next.before);
    const b = resolveSchema(env.newDoc, next.after);
    if (a === undefined || b === undefined) continue;
    if (unchanged(env, next.place, '', a, b)) continue;
    compareViews(env, next.place, '', a, b, 0);
  }
}

/**
 * Two fragments that mean the same (same structural hash): nothing to report here, but the components they hold
 * still need their own comparison and their place in the graph, found by a cheap scan of their references.
 */
function unchanged(env: SchemaDiffEnv, place: string, rel: string, before: unknown, after: unknown): boolean {
  if (before !== after && hashOf(before) !== hashOf(after)) return false;
  for (const { rel: at, ref } of refsIn(before)) link(env, place, rel + at, ref, ref);
  return true;
}

function link(env: SchemaDiffEnv, place: string, rel: string, before: string, after: string): void {
  const to = componentPlace(before, after);
  addEdge(env, place, rel, to);
  if (!env.queued.has(to)) {
    env.queued.add(to);
    env.queue.push({ place: to, before: { $ref: before }, after: { $ref: after } });
  }
}

const refMemo = new WeakMap<object, Array<{ rel: string; ref: string }>>();

/** The components a schema holds and where (JSON path below it), without entering them; memoised per object. */
function refsIn(schema: unknown, depth = 0): Array<{ rel: string; ref: string }> {
  // The walk stops at MAX_DEPTH too: below that nothing is judged (and said so), so nothing is linked either.
  if (!isRecord(schema) || depth > MAX_DEPTH * 4) return [];
  const hit = refMemo.get(schema);
  if (hit) return hit;
  const out: Array<{ rel: string; ref: string }> = [];
  const wrapped = unwrapRef(schema);
  if (wrapped) out.push({ rel: '', ref: wrapped.ref });
  else {
    const add = (rel: string, child: unknown): void => {
      for (const r of refsIn(child, depth + 1)) out.push({ rel: rel + r.rel, ref: r.ref });
    };
    if (isRecord(schema.properties)) for (const [name, child] of Object.entries(schema.properties)) add(childPath('', name), child);
    if (schema.items !== undefined && !Array.isArray(schema.items)) add('[*]', schema.items);
    if (isRecord(schema.additionalProperties)) add('.*', schema.additionalProperties);
    for (const keyword of ['allOf', 'oneOf', 'anyOf'] as const) {
      const list = schema[keyword];
      if (Array.isArray(list)) for (const child of list) add('', child);
    }
  }
  refMemo.set(schema, out);
  return out;
}

function step(env: SchemaDiffEnv): boolean {
  const budget = env.budget;
  if (budget.exhausted) return false;
  if (++budget.steps > budget.maxSteps) {
    budget.exhausted = true;
    budget.notes.push(`the schema walk stopped after ${budget.maxSteps.toLocaleString('en')} comparisons (its budget): changes past that point are not judged`);
    return false;
  }
  return true;
}

function addFact(env: SchemaDiffEnv, place: string, rel: string, fact: Fact): void {
  const key = `${place}\u0000${rel}\u0000${fact.kind}\u0000${String(fact.detail?.keyword ?? '')}`;
  if (env.factKeys.has(key)) return;
  env.factKeys.add(key);
  env.facts.push({ place, rel, fact });
}

function addEdge(env: SchemaDiffEnv, from: string, rel: string, to: string): void {
  const key = `${from}\u0000${rel}\u0000${to}`;
  if (env.edgeKeys.has(key)) return;
  env.edgeKeys.add(key);
  const list = env.edges.get(from);
  if (list) list.push({ rel, to });
  else env.edges.set(from, [{ rel, to }]);
}

function compare(env: SchemaDiffEnv, place: string, rel: string, before: unknown, after: unknown, depth: number): void {
  if (before === undefined || after === undefined || !step(env)) return;
  if (depth > MAX_DEPTH) {
    env.budget.notes.push(`${place} ${rel || '$'}: nested deeper than ${MAX_DEPTH} levels, not judged below`);
    return;
  }
  const a = unwrapRef(before);
  const b = unwrapRef(after);
  if (!(a && b) && unchanged(env, place, rel, before, after)) return;
  if (a && b) {
    // A nullable wrapper around a component is this place's business; the component's own changes are its own.
    const targetA = viewOf(env.oldDoc, resolveSchema(env.oldDoc, { $ref: a.ref }));
    const targetB = viewOf(env.newDoc, resolveSchema(env.newDoc, { $ref: b.ref }));
    if (targetA.nullable === targetB.nullable && a.nullable !== b.nullable && !targetA.nullable) {
      addFact(env, place, rel, { kind: b.nullable ? 'nullable-added' : 'nullable-removed', before: typeList(targetA), after: [...typeList(targetB), ...(b.nullable ? ['null'] : [])] });
    }
    link(env, place, rel, a.ref, b.ref);
    return;
  }
  compareViews(env, place, rel, before, after, depth);
}

function compareViews(env: SchemaDiffEnv, place: string, rel: string, rawA: unknown, rawB: unknown, depth: number): void {
  const a = viewOf(env.oldDoc, rawA);
  const b = viewOf(env.newDoc, rawB);
  const at = (fact: Fact): void => addFact(env, place, rel, fact);
  compareScalars(env, a, b, at);
  compareProperties(env, place, rel, a, b, depth);
  if (a.items !== undefined && b.items !== undefined) compare(env, place, `${rel}[*]`, a.items, b.items, depth + 1);
  else if (a.items !== undefined || b.items !== undefined) at(bound('items', a.items === undefined ? null : 'schema', b.items === undefined ? null : 'schema', b.items !== undefined));
  if (isRecord(a.additional) && isRecord(b.additional)) compare(env, place, `${rel}.*`, a.additional, b.additional, depth + 1);
  compareUnions(env, place, rel, rawA, rawB, a, b, depth);
}

function bound(keyword: string, before: unknown, after: unknown, tightened: boolean): Fact {
  return { kind: 'bound', before: before ?? null, after: after ?? null, detail: { keyword, tightened } };
}

/** `5`, or `> 5` / `< 5` for an exclusive bound. */
const boundText = (b: Bound | undefined, side: 'lower' | 'upper'): number | string | null => (b === undefined ? null : b.exclusive ? `${side === 'lower' ? '>' : '<'} ${b.value}` : b.value);

/** Is `after` a tighter bound than `before`? (lower: larger is tighter; upper: smaller is tighter). */
function boundTightened(before: Bound | undefined, after: Bound | undefined, side: 'lower' | 'upper'): boolean | undefined {
  if (before === undefined && after === undefined) return undefined;
  if (before === undefined) return true;
  if (after === undefined) return false;
  if (before.value === after.value) return before.exclusive === after.exclusive ? undefined : after.exclusive;
  return side === 'lower' ? after.value > before.value : after.value < before.value;
}

function numTightened(before: number | undefined, after: number | undefined, side: 'lower' | 'upper'): boolean | undefined {
  if (before === after) return undefined;
  if (before === undefined) return true;
  if (after === undefined) return false;
  return side === 'lower' ? after > before : after < before;
}

/** A schema's types, or those of its union's branches when it declares none itself (`oneOf: [string, integer]`). */
function effectiveTypes(doc: OpenApiDocument, view: SchemaView): ReadonlySet<string> {
  if (view.types.size > 0) return view.types;
  const branches = [...(view.oneOf ?? []), ...(view.anyOf ?? [])];
  if (branches.length === 0) return view.types;
  const out = new Set<string>();
  for (const branch of branches) {
    const types = viewOf(doc, branch).types;
    if (types.size === 0) return view.types;
    for (const t of types) out.add(t);
  }
  return out;
}

function compareScalars(env: SchemaDiffEnv, a: SchemaView, b: SchemaView, at: (fact: Fact) => void): void {
  const ta = effectiveTypes(env.oldDoc, a);
  const tb = effectiveTypes(env.newDoc, b);
  // Types that both come from union branches changed with the branches: the branch facts say it once.
  const bothUnions = ta !== a.types && tb !== b.types;
  if (!bothUnions && (ta.size > 0 || tb.size > 0)) {
    const widened = ta.size === 0 ? [] : tb.size === 0 ? ['any'] : uncoveredTypes(tb, ta);
    const narrowed = tb.size === 0 ? [] : ta.size === 0 ? ['any'] : uncoveredTypes(ta, tb);
    const list = (types: ReadonlySet<string>, view: SchemaView): string[] => [...[...types].sort(), ...(view.nullable ? ['null'] : [])];
    if (widened.length > 0 || narrowed.length > 0) at({ kind: 'type', before: list(ta, a), after: list(tb, b), detail: { widened, narrowed } });
  }
  if (a.nullable !== b.nullable) at({ kind: b.nullable ? 'nullable-added' : 'nullable-removed', before: typeList(a), after: typeList(b) });
  if (a.format !== b.format) at({ kind: 'format', before: a.format ?? null, after: b.format ?? null });
  if (a.enum && b.enum) {
    const known = new Set(a.enum.map(dataHash));
    const now = new Set(b.enum.map(dataHash));
    const added = b.enum.filter((v) => !known.has(dataHash(v)));
    const removed = a.enum.filter((v) => !now.has(dataHash(v)));
    if (added.length > 0) at({ kind: 'enum-added', before: a.enum, after: added });
    if (removed.length > 0) at({ kind: 'enum-removed', before: removed, after: b.enum });
  } else if (b.enum) at({ kind: 'enum-set', after: b.enum });
  else if (a.enum) at({ kind: 'enum-unset', before: a.enum });
  if (a.hasDefault !== b.hasDefault || (a.hasDefault && dataHash(a.default) !== dataHash(b.default))) {
    at({ kind: 'default', before: a.hasDefault ? a.default : null, after: b.hasDefault ? b.default : null });
  }
  if (a.pattern !== b.pattern) at({ kind: 'pattern', before: a.pattern ?? null, after: b.pattern ?? null });
  const lower = boundTightened(a.lower, b.lower, 'lower');
  if (lower !== undefined) at(bound('minimum', boundText(a.lower, 'lower'), boundText(b.lower, 'lower'), lower));
  const upper = boundTightened(a.upper, b.upper, 'upper');
  if (upper !== undefined) at(bound('maximum', boundText(a.upper, 'upper'), boundText(b.upper, 'upper'), upper));
  for (const [key, side] of [['minLength', 'lower'], ['maxLength', 'upper'], ['minItems', 'lower'], ['maxItems', 'upper'], ['minProperties', 'lower'], ['maxProperties', 'upper']] as const) {
    const t = numTightened(a[key], b[key], side);
    if (t !== undefined) at(bound(key, a[key], b[key], t));
  }
  if (a.multipleOf !== b.multipleOf) {
    // A multiple of the old step still passes the new one only when the new step divides the old.
    const loosened = b.multipleOf === undefined || (a.multipleOf !== undefined && a.multipleOf % b.multipleOf === 0);
    at(bound('multipleOf', a.multipleOf, b.multipleOf, !loosened));
  }
  if (a.uniqueItems !== b.uniqueItems) at(bound('uniqueItems', a.uniqueItems, b.uniqueItems, b.uniqueItems));
  const openA = a.additional === undefined ? 'any' : a.additional === false ? 'none' : 'typed';
  const openB = b.additional === undefined ? 'any' : b.additional === false ? 'none' : 'typed';
  if (openA !== openB) {
    const rank = { none: 0, typed: 1, any: 2 } as const;
    at(bound('additionalProperties', openA, openB, rank[openB] < rank[openA]));
  }
  if (a.discriminator?.property !== b.discriminator?.property) {
    at({ kind: 'discriminator', before: a.discriminator?.property ?? null, after: b.discriminator?.property ?? null });
  }
  for (const key of new Set([...a.other.keys(), ...b.other.keys()])) {
    if (a.other.get(key) !== b.other.get(key)) {
      at({ kind: 'keyword', before: a.other.has(key) ? 'set' : null, after: b.other.has(key) ? 'set' : null, detail: { keyword: key.replace(/^\$schema-boolean$/, 'false schema') } });
    }
  }
}

/** The component an allOf branch brought a property from, when it is the same component on both sides. */
function ownerOf(name: string, a: SchemaView, b: SchemaView): string | undefined {
  const fromA = a.properties.get(name)?.from;
  const fromB = b.properties.get(name)?.from;
  if (fromA !== undefined && fromA === fromB) return fromA;
  if (fromA !== undefined && !b.properties.has(name) && b.sources.has(fromA)) return fromA;
  if (fromB !== undefined && !a.properties.has(name) && a.sources.has(fromB)) return fromB;
  return undefined;
}

function compareProperties(env: SchemaDiffEnv, place: string, rel: string, a: SchemaView, b: SchemaView, depth: number): void {
  if (a.properties.size === 0 && b.properties.size === 0 && a.required.size === 0 && b.required.size === 0) return;
  const response = env.side === 'response';
  const addedHere: Array<{ place: string; fact: Fact }> = [];
  const removedHere: Array<{ place: string; fact: Fact }> = [];
  // A pure presence constraint (`anyOf: [{required: [state]}]`, no properties of its own) names fields of any type;
  // elsewhere a required name with no declaration left is a removed field (a forgotten `required` entry).
  const declared = (view: SchemaView, name: string): PropertyDecl | undefined =>
    view.properties.get(name) ?? (view.properties.size === 0 && view.required.has(name) ? ANY_PROPERTY : undefined);
  for (const name of new Set([...a.properties.keys(), ...b.properties.keys(), ...a.required, ...b.required])) {
    const pa = declared(a, name);
    const pb = declared(b, name);
    if (pa && pb && pa.schema === pb.schema && env.oldDoc === env.newDoc) continue;
    const va = pa ? viewOf(env.oldDoc, pa.schema) : undefined;
    const vb = pb ? viewOf(env.newDoc, pb.schema) : undefined;
    // A response never carries writeOnly properties; a request never sends readOnly ones.
    const hiddenA = va !== undefined && (response ? va.writeOnly : va.readOnly);
    const hiddenB = vb !== undefined && (response ? vb.writeOnly : vb.readOnly);
    let targetPlace = place;
    let targetRel = rel;
    const owner = ownerOf(name, a, b);
    if (owner !== undefined) {
      targetPlace = owner;
      targetRel = '';
      addEdge(env, place, rel, owner);
    }
    const childRel = childPath(targetRel, name);
    const fact = (f: Fact): void => addFact(env, targetPlace, childRel, f);
    const requiredA = a.required.has(name);
    const requiredB = b.required.has(name);
    const visibleA = va !== undefined && !hiddenA;
    const visibleB = vb !== undefined && !hiddenB;
    if (!visibleA && !visibleB) continue;
    if (!visibleA) {
      const added: Fact = { kind: 'property-added', after: typeList(vb!), detail: { required: requiredB, rel: childRel, ...(va ? { wasHidden: true } : {}) } };
      fact(added);
      if (!va) addedHere.push({ place: targetPlace, fact: added });
      continue;
    }
    if (!visibleB) {
      if (vb !== undefined) fact({ kind: response ? 'became-write-only' : 'became-read-only', before: typeList(va) });
      else {
        const removed: Fact = { kind: 'property-removed', before: typeList(va), detail: { required: requiredA, rel: childRel } };
        fact(removed);
        removedHere.push({ place: targetPlace, fact: removed });
      }
      continue;
    }
    if (requiredA && !requiredB) fact({ kind: 'required-removed', before: 'required', after: 'optional' });
    if (!requiredA && requiredB) fact({ kind: 'required-added', before: 'optional', after: 'required' });
    const deprecatedA = va.deprecated || (isRecord(pa!.schema) && pa!.schema.deprecated === true);
    const deprecatedB = vb!.deprecated || (isRecord(pb!.schema) && pb!.schema.deprecated === true);
    if (!deprecatedA && deprecatedB) fact({ kind: 'deprecated', before: false, after: true });
    compare(env, targetPlace, childRel, pa!.schema, pb!.schema, depth + 1);
  }
  // One field gone and one of the same type new beside it, in a response: most likely a rename (said so).
  if (response && removedHere.length === 1 && addedHere.length === 1 && removedHere[0]!.place === addedHere[0]!.place) {
    const [gone, come] = [removedHere[0]!.fact, addedHere[0]!.fact];
    if (JSON.stringify(gone.before) === JSON.stringify(come.after)) {
      gone.detail = { ...gone.detail, renamedTo: come.detail?.rel };
      come.detail = { ...come.detail, renamedFrom: gone.detail.rel };
    }
  }
}

/** Whether a fact says the second schema refuses something the first one accepted. */
function narrows(fact: Fact): boolean {
  switch (fact.kind) {
    case 'type':
      return ((fact.detail?.narrowed as string[] | undefined) ?? []).length > 0;
    case 'nullable-removed':
    case 'enum-removed':
    case 'enum-set':
    case 'required-added':
    case 'discriminator':
    case 'branch-removed':
    case 'keyword':
      return true;
    case 'format':
    case 'pattern':
      return fact.after !== null;
    case 'bound':
      return fact.detail?.tightened === true;
    case 'property-added':
      return fact.detail?.required === true;
    default:
      return false;
  }
}

/**
 * Whether `wide` (in `wideDoc`) accepts every value `narrow` (in `narrowDoc`) does, as far as the walker can tell
 * (an undeclared property is taken as allowed). Shares the diff's budget; out of budget means "cannot tell: no".
 */
function accepts(env: SchemaDiffEnv, narrowDoc: OpenApiDocument, narrow: unknown, wideDoc: OpenApiDocument, wide: unknown, nullAllowed = false): boolean {
  // Unions inside unions ask again; two levels answer real specs, deeper is "cannot tell" (and recursion ends).
  if (env.budget.exhausted || env.nesting >= 2) return false;
  const scratch = createSchemaDiffEnv(narrowDoc, wideDoc, 'request', env.budget);
  scratch.nesting = env.nesting + 1;
  diffRoot(scratch, 'scratch', narrow, wide);
  // A branch of a union that is nullable as a whole needs not take null itself.
  return !scratch.facts.some((f) => narrows(f.fact) && !(nullAllowed && f.fact.kind === 'nullable-removed' && f.place === 'scratch' && f.rel === ''));
}

function compareUnions(env: SchemaDiffEnv, place: string, rel: string, rawA: unknown, rawB: unknown, a: SchemaView, b: SchemaView, depth: number): void {
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const before = a[keyword] ?? [];
    const after = b[keyword] ?? [];
    if (before.length === 0 && after.length === 0) continue;
    const pairing = pairBranches(
      { doc: env.oldDoc, branches: before, discriminator: a.discriminator },
      { doc: env.newDoc, branches: after, discriminator: b.discriminator },
    );
    for (const [x, y] of pairing.pairs) compare(env, place, rel, x, y, depth + 1);
    // A variant folded into another (two object forms merged into one that takes both) is no variant lost or gained.
    pairing.removed = pairing.removed.filter((x) => !after.some((y) => accepts(env, env.oldDoc, x, env.newDoc, y)));
    pairing.added = pairing.added.filter((y) => !before.some((x) => accepts(env, env.newDoc, y, env.oldDoc, x)));
    const names = (doc: OpenApiDocument, list: readonly unknown[]): string[] => list.map((x) => branchName(doc, x));
    if (before.length === 0) {
      // A union imposed where there was none: narrowing when no variant takes what the old schema took, else the
      // variants that bring new values were added (a string field that may now also be an object).
      if (!after.some((y) => accepts(env, env.oldDoc, rawA, env.newDoc, y, b.nullable))) {
        addFact(env, place, rel, bound(keyword, null, names(env.newDoc, after), true));
        continue;
      }
      pairing.added = after.filter((y) => !accepts(env, env.newDoc, y, env.oldDoc, rawA));
      pairing.removed = [];
    } else if (after.length === 0) {
      // A union dropped: narrowing when some old variant is no longer taken, widening when the new schema takes more.
      if (!before.every((x) => accepts(env, env.oldDoc, x, env.newDoc, rawB))) {
        addFact(env, place, rel, bound(keyword, names(env.oldDoc, before), null, true));
      } else if (!before.some((x) => accepts(env, env.newDoc, rawB, env.oldDoc, x, a.nullable))) {
        addFact(env, place, rel, bound(keyword, names(env.oldDoc, before), null, false));
      }
      continue;
    }
    if (pairing.added.length > 0) {
      addFact(env, place, rel, { kind: 'branch-added', before: names(env.oldDoc, before), after: names(env.newDoc, pairing.added), detail: { keyword } });
    }
    if (pairing.removed.length > 0) {
      addFact(env, place, rel, { kind: 'branch-removed', before: names(env.oldDoc, pairing.removed), after: names(env.newDoc, after), detail: { keyword } });
    }
  }
}
