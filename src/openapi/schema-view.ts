// One Schema Object as the spec diff reads it: $refs followed, allOf merged in an order-free way, nullability of
// OpenAPI 3.0 / 3.1 / Swagger 2.0 folded into one flag, bounds normalised (exclusive flags of 3.0 and numbers of 3.1).
// Over 300 lines: every keyword family read through one view, so the walkers never see a raw Schema Object.
import { ANNOTATION_KEYS, dataHash, hashOf } from './canonical.js';
import { isRecord, refSegments, getAtPointer, type JsonRecord } from './refs.js';
import type { OpenApiDocument } from './types.js';

export interface Bound {
  value: number;
  exclusive: boolean;
}

export interface PropertyDecl {
  schema: unknown;
  /** The component (`$ref`) an allOf branch brought this property from: changes to it belong to that component. */
  from?: string;
}

export interface SchemaView {
  /** Declared types without `null` (3.1 type arrays are sets). Empty: any type (or implied, see below). */
  types: Set<string>;
  nullable: boolean;
  format?: string;
  /** Allowed values without null; `const` is a one-value enum. */
  enum?: unknown[];
  hasDefault: boolean;
  default?: unknown;
  pattern?: string;
  lower?: Bound;
  upper?: Bound;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems: boolean;
  minProperties?: number;
  maxProperties?: number;
  properties: Map<string, PropertyDecl>;
  required: Set<string>;
  /** `false`: closed object; a schema: the type of extra keys; undefined: open. */
  additional?: false | unknown;
  items?: unknown;
  oneOf?: unknown[];
  anyOf?: unknown[];
  discriminator?: { property: string; mapping: Map<string, string> };
  readOnly: boolean;
  writeOnly: boolean;
  deprecated: boolean;
  /** The components merged in through allOf branches (their `$ref`s). */
  sources: Set<string>;
  /** Keywords the diff does not model, by canonical text: any change there is still reported. */
  other: Map<string, string>;
}

/** Keywords this view models; everything else that is not an annotation lands in `other`. */
const MODELLED = new Set([
  '$ref', 'type', 'nullable', 'x-nullable', 'format', 'enum', 'const', 'default', 'pattern', 'minimum', 'maximum',
  'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems',
  'minProperties', 'maxProperties', 'properties', 'required', 'additionalProperties', 'items', 'oneOf', 'anyOf', 'allOf',
  'discriminator', 'readOnly', 'writeOnly', 'deprecated',
]);

function refOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.$ref === 'string' ? value.$ref : undefined;
}

/** Follows `$ref` chains (internal only); at most 32 hops so a loop cannot hang. */
export function resolveSchema(doc: OpenApiDocument, value: unknown): unknown {
  let node = value;
  for (let hops = 0; hops < 32; hops++) {
    const ref = refOf(node);
    if (ref === undefined) return node;
    const segments = refSegments(ref);
    if (segments === undefined) return node;
    node = getAtPointer(doc, segments);
  }
  return undefined;
}

/** Keys that may sit beside a lone `$ref` (or a one-branch `allOf`) without making it a new schema. */
const WRAPPER_KEYS = new Set([...ANNOTATION_KEYS, 'nullable', 'x-nullable', 'readOnly', 'writeOnly', 'deprecated', 'default', '$ref', 'allOf']);

/**
 * A schema that only points at a component: `{$ref}`, or `{allOf: [{$ref}], nullable: true, description}` as Stripe
 * writes nullable references. Returns the component and whether the wrapper itself allows null.
 */
export function unwrapRef(value: unknown): { ref: string; nullable: boolean } | undefined {
  if (!isRecord(value)) return undefined;
  for (const key of Object.keys(value)) if (!WRAPPER_KEYS.has(key) && !key.startsWith('x-')) return undefined;
  const nullable = value.nullable === true || value['x-nullable'] === true;
  if (typeof value.$ref === 'string') return value.allOf === undefined ? { ref: value.$ref, nullable } : undefined;
  if (Array.isArray(value.allOf) && value.allOf.length === 1) {
    const inner = refOf(value.allOf[0]);
    if (inner !== undefined && Object.keys(value.allOf[0] as JsonRecord).length === 1) return { ref: inner, nullable };
  }
  return undefined;
}

function emptyView(): SchemaView {
  return {
    types: new Set(),
    nullable: false,
    hasDefault: false,
    uniqueItems: false,
    properties: new Map(),
    required: new Set(),
    readOnly: false,
    writeOnly: false,
    deprecated: false,
    sources: new Set(),
    other: new Map(),
  };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The lower bound as one value: 3.0's `exclusiveMinimum: true` and 3.1's numeric `exclusiveMinimum` alike. */
function boundOf(schema: JsonRecord, plain: 'minimum' | 'maximum', exclusive: 'exclusiveMinimum' | 'exclusiveMaximum'): Bound | undefined {
  const value = num(schema[plain]);
  const ex = schema[exclusive];
  const exNum = num(ex);
  if (exNum !== undefined) {
    // Both present (3.1): the tighter one wins.
    if (value === undefined) return { value: exNum, exclusive: true };
    const tighter = plain === 'minimum' ? exNum >= value : exNum <= value;
    return tighter ? { value: exNum, exclusive: true } : { value, exclusive: false };
  }
  return value === undefined ? undefined : { value, exclusive: ex === true };
}

const views = new WeakMap<object, SchemaView>();

/** Schemas whose view is being built: an allOf loop (A is B and B is A) reads the second visit as "anything". */
const building = new WeakSet<object>();

/** The view of a schema in `doc` (memoised per schema object: a document's objects belong to it alone). */
export function viewOf(doc: OpenApiDocument, raw: unknown): SchemaView {
  if (!isRecord(raw)) {
    const view = emptyView();
    // 3.1 boolean schemas: `false` accepts nothing; `true` anything.
    if (raw === false) view.other.set('$schema-boolean', 'false');
    return view;
  }
  const hit = views.get(raw);
  if (hit) return hit;
  if (building.has(raw)) return emptyView();
  building.add(raw);
  try {
    const view = buildView(doc, raw);
    views.set(raw, view);
    return view;
  } finally {
    building.delete(raw);
  }
}

function buildView(doc: OpenApiDocument, raw: JsonRecord): SchemaView {
  const view = emptyView();
  const resolved = resolveSchema(doc, raw);
  if (resolved !== raw) {
    // A reference: the view of what it points at (memoised there too).
    if (isRecord(resolved)) return viewOf(doc, resolved);
    if (resolved === false) view.other.set('$schema-boolean', 'false');
    return view;
  }
  const schema = raw;
  const type = schema.type;
  for (const t of typeof type === 'string' ? [type] : Array.isArray(type) ? type : []) {
    if (t === 'null') view.nullable = true;
    else if (typeof t === 'string') view.types.add(t);
  }
  if (schema.nullable === true || schema['x-nullable'] === true) view.nullable = true;
  if (typeof schema.format === 'string') view.format = schema.format;
  if (Array.isArray(schema.enum)) {
    view.enum = schema.enum.filter((v) => v !== null);
    if (schema.enum.includes(null)) view.nullable = true;
  }
  if (schema.const !== undefined) {
    if (schema.const === null) view.nullable = true;
    else view.enum = [schema.const];
  }
  if (schema.default !== undefined) {
    view.hasDefault = true;
    view.default = schema.default;
  }
  if (typeof schema.pattern === 'string') view.pattern = schema.pattern;
  const lower = boundOf(schema, 'minimum', 'exclusiveMinimum');
  const upper = boundOf(schema, 'maximum', 'exclusiveMaximum');
  if (lower) view.lower = lower;
  if (upper) view.upper = upper;
  for (const key of ['multipleOf', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'] as const) {
    const value = num(schema[key]);
    if (value !== undefined) view[key] = value;
  }
  view.uniqueItems = schema.uniqueItems === true;
  if (isRecord(schema.properties)) for (const [k, v] of Object.entries(schema.properties)) view.properties.set(k, { schema: v });
  if (Array.isArray(schema.required)) for (const r of schema.required) if (typeof r === 'string') view.required.add(r);
  const additional = schema.additionalProperties;
  if (additional === false) view.additional = false;
  else if (isRecord(additional) && Object.keys(additional).length > 0) view.additional = additional;
  if (schema.items !== undefined) {
    if (Array.isArray(schema.items)) view.other.set('items', String(hashOf({ items: schema.items })));
    else view.items = schema.items;
  }
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const list = schema[keyword];
    if (!Array.isArray(list) || list.length === 0) continue;
    // `oneOf: [X, {type: 'null'}]` is 3.1's nullable X: the null branch is nullability, not a variant.
    const branches = list.filter((branch) => !isNullOnly(doc, branch));
    if (branches.length < list.length) view.nullable = true;
    if (branches.length === 0) continue;
    // `oneOf: [{const: a}, {const: b}]` is `enum: [a, b]` written long-hand (with a description per value).
    const values = enumBranches(doc, branches);
    if (values && view.enum === undefined) {
      view.enum = values.values;
      if (view.types.size === 0) for (const t of values.types) view.types.add(t);
      continue;
    }
    view[keyword] = branches;
  }
  const disc = schema.discriminator;
  if (isRecord(disc) && typeof disc.propertyName === 'string') {
    const mapping = new Map<string, string>();
    if (isRecord(disc.mapping)) for (const [k, v] of Object.entries(disc.mapping)) if (typeof v === 'string') mapping.set(k, v.startsWith('#') ? v : `#/components/schemas/${v}`);
    view.discriminator = { property: disc.propertyName, mapping };
  }
  view.readOnly = schema.readOnly === true;
  view.writeOnly = schema.writeOnly === true;
  view.deprecated = schema.deprecated === true;
  for (const [key, value] of Object.entries(schema)) {
    if (MODELLED.has(key) || ANNOTATION_KEYS.has(key) || key.startsWith('x-')) continue;
    view.other.set(key, String(hashOf({ [key]: value })));
  }
  if (Array.isArray(schema.allOf)) mergeAllOf(doc, view, schema.allOf);
  if (view.types.size === 0) {
    if (view.properties.size > 0 || view.additional !== undefined) view.types.add('object');
    else if (view.items !== undefined) view.types.add('array');
  }
  return view;
}

/** The values of a union whose every branch is a const or an enum of primitives (and nothing else), else undefined. */
function enumBranches(doc: OpenApiDocument, branches: readonly unknown[]): { values: unknown[]; types: string[] } | undefined {
  const values: unknown[] = [];
  const types = new Set<string>();
  for (const branch of branches) {
    const schema = resolveSchema(doc, branch);
    if (!isRecord(schema)) return undefined;
    for (const key of Object.keys(schema)) if (key !== 'const' && key !== 'enum' && key !== 'type' && !ANNOTATION_KEYS.has(key) && !key.startsWith('x-')) return undefined;
    const list = schema.const !== undefined ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : undefined;
    if (!list || list.some((v) => v !== null && typeof v === 'object')) return undefined;
    for (const v of list) if (v !== null) values.push(v);
    if (typeof schema.type === 'string') types.add(schema.type);
  }
  return { values, types: [...types] };
}

/** A branch that only admits null: `{type: 'null'}`, `{const: null}`, `{enum: [null]}`. */
function isNullOnly(doc: OpenApiDocument, branch: unknown): boolean {
  const schema = resolveSchema(doc, branch);
  if (!isRecord(schema)) return false;
  if (schema.type === 'null' || (Array.isArray(schema.type) && schema.type.length === 1 && schema.type[0] === 'null')) return true;
  if (schema.const === null && schema.type === undefined) return true;
  return Array.isArray(schema.enum) && schema.enum.length === 1 && schema.enum[0] === null;
}

/** `integer` and `number` meet at `integer`; other types meet only themselves. */
function intersectTypes(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const t of a) {
    if (b.has(t)) out.add(t);
    else if ((t === 'number' && b.has('integer')) || (t === 'integer' && b.has('number'))) out.add('integer');
  }
  return out;
}

const byCanonical = (a: unknown, b: unknown): number => {
  const x = hashOf(a);
  const y = hashOf(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** allOf is a conjunction: merged so that the order of the branches never matters (they are sorted first). */
function mergeAllOf(doc: OpenApiDocument, view: SchemaView, branches: readonly unknown[]): void {
  const sorted = [...branches].sort(byCanonical);
  const subs = sorted.map((branch) => ({ ref: unwrapRef(branch)?.ref, sub: viewOf(doc, branch) }));
  for (const { ref, sub } of subs) {
    if (ref !== undefined) view.sources.add(ref);
    for (const s of sub.sources) view.sources.add(s);
    if (sub.types.size > 0) view.types = view.types.size === 0 ? new Set(sub.types) : intersectTypes(view.types, sub.types);
    for (const [k, decl] of sub.properties) {
      if (view.properties.has(k)) continue;
      const from = decl.from ?? ref;
      view.properties.set(k, from === undefined ? { schema: decl.schema } : { schema: decl.schema, from });
    }
    for (const r of sub.required) view.required.add(r);
    view.format ??= sub.format;
    if (sub.enum) view.enum = view.enum ? view.enum.filter((v) => sub.enum!.some((w) => dataHash(w) === dataHash(v))) : sub.enum;
    if (!view.hasDefault && sub.hasDefault) {
      view.hasDefault = true;
      view.default = sub.default;
    }
    view.pattern ??= sub.pattern;
    view.lower = tighter(view.lower, sub.lower, 'lower');
    view.upper = tighter(view.upper, sub.upper, 'upper');
    for (const key of ['minLength', 'minItems', 'minProperties'] as const) view[key] = maxOf(view[key], sub[key]);
    for (const key of ['maxLength', 'maxItems', 'maxProperties'] as const) view[key] = minOf(view[key], sub[key]);
    view.multipleOf ??= sub.multipleOf;
    view.uniqueItems ||= sub.uniqueItems;
    if (view.additional === undefined && sub.additional !== undefined) view.additional = sub.additional;
    view.items ??= sub.items;
    view.oneOf ??= sub.oneOf;
    view.anyOf ??= sub.anyOf;
    view.discriminator ??= sub.discriminator;
    view.readOnly ||= sub.readOnly;
    view.writeOnly ||= sub.writeOnly;
    view.deprecated ||= sub.deprecated;
    for (const [k, v] of sub.other) if (!view.other.has(k)) view.other.set(k, v);
  }
  // Null passes an allOf only when every branch lets it (a branch with no type lets anything through).
  if (subs.length > 0 && subs.every(({ sub }) => sub.nullable || sub.types.size === 0) && subs.some(({ sub }) => sub.nullable)) view.nullable = true;
}

function tighter(a: Bound | undefined, b: Bound | undefined, side: 'lower' | 'upper'): Bound | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.value === b.value) return { value: a.value, exclusive: a.exclusive || b.exclusive };
  return (side === 'lower' ? a.value > b.value : a.value < b.value) ? a : b;
}
const maxOf = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined ? b : b === undefined ? a : Math.max(a, b));
const minOf = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined ? b : b === undefined ? a : Math.min(a, b));

/** Types written for a person: `["integer", "null"]`. */
export function typeList(view: SchemaView): string[] {
  const list = [...view.types].sort();
  return view.nullable ? [...list, 'null'] : list;
}

/** Types in `wider` that `narrower` does not cover (an integer is a number). */
export function uncoveredTypes(wider: ReadonlySet<string>, narrower: ReadonlySet<string>): string[] {
  return [...wider].filter((t) => !narrower.has(t) && !(t === 'integer' && narrower.has('number'))).sort();
}
