// Schema x schema -> raw deltas, walking two OpenAPI Schema Objects side by side ($refs resolved lazily, cycles cut).
import { childPath } from '../core/jsonpath.js';
import { isRecord, resolveRefs, type JsonRecord } from './refs.js';
import type { OpenApiDocument } from './types.js';

/** What a difference means depends on direction: a response is what the consumer reads, a request what it sends. */
export type SchemaSide = 'response' | 'request';

export interface RawDelta {
  kind: string;
  /** JSONPath suffix relative to the compared node: `''`, `.amount`, `.data[*].id`. */
  rel: string;
  before?: unknown;
  after?: unknown;
  detail?: Record<string, unknown>;
}

export interface SchemaDiffEnv {
  oldDoc: OpenApiDocument;
  newDoc: OpenApiDocument;
  side: SchemaSide;
  /** Memo of ref pairs already compared: shared schemas (a `repository` used by 300 operations) are walked once. */
  memo: Map<string, RawDelta[]>;
  stack: Set<string>;
}

export function createSchemaDiffEnv(oldDoc: OpenApiDocument, newDoc: OpenApiDocument, side: SchemaSide): SchemaDiffEnv {
  return { oldDoc, newDoc, side, memo: new Map(), stack: new Set() };
}

interface NodeView {
  types: Set<string>;
  nullable: boolean;
  format?: string;
  enum?: unknown[];
  properties: Map<string, unknown>;
  required: Set<string>;
  items?: unknown;
  oneOf?: unknown[];
  anyOf?: unknown[];
  maxLength?: number;
  pattern?: string;
  readOnly: boolean;
  writeOnly: boolean;
}

const MAX_DEPTH = 48;

function typeListOf(schema: JsonRecord): string[] {
  const t = schema.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

/** Resolved view of a schema: allOf branches merged, `nullable`/`x-nullable`/`type: [.., null]` folded into a flag. */
function viewOf(doc: OpenApiDocument, raw: unknown, depth = 0): NodeView {
  const view: NodeView = { types: new Set(), nullable: false, properties: new Map(), required: new Set(), readOnly: false, writeOnly: false };
  const schema = resolveRefs(doc, raw);
  if (!isRecord(schema) || depth > 8) return view;
  for (const t of typeListOf(schema)) {
    if (t === 'null') view.nullable = true;
    else view.types.add(t);
  }
  if (schema.nullable === true || schema['x-nullable'] === true) view.nullable = true;
  if (typeof schema.format === 'string') view.format = schema.format;
  if (Array.isArray(schema.enum)) {
    view.enum = schema.enum.filter((v) => v !== null);
    if (schema.enum.includes(null)) view.nullable = true;
  }
  if (schema.const !== undefined) view.enum = [schema.const];
  if (isRecord(schema.properties)) for (const [k, v] of Object.entries(schema.properties)) view.properties.set(k, v);
  if (Array.isArray(schema.required)) for (const r of schema.required) if (typeof r === 'string') view.required.add(r);
  if (schema.items !== undefined && !Array.isArray(schema.items)) view.items = schema.items;
  if (Array.isArray(schema.oneOf)) view.oneOf = schema.oneOf;
  if (Array.isArray(schema.anyOf)) view.anyOf = schema.anyOf;
  if (typeof schema.maxLength === 'number') view.maxLength = schema.maxLength;
  if (typeof schema.pattern === 'string') view.pattern = schema.pattern;
  view.readOnly = schema.readOnly === true;
  view.writeOnly = schema.writeOnly === true;
  if (Array.isArray(schema.allOf)) {
    for (const branch of schema.allOf) {
      const sub = viewOf(doc, branch, depth + 1);
      if (view.types.size === 0) for (const t of sub.types) view.types.add(t);
      for (const [k, v] of sub.properties) if (!view.properties.has(k)) view.properties.set(k, v);
      for (const r of sub.required) view.required.add(r);
      view.format ??= sub.format;
      view.enum ??= sub.enum;
      view.items ??= sub.items;
      view.oneOf ??= sub.oneOf;
      view.anyOf ??= sub.anyOf;
      view.maxLength ??= sub.maxLength;
      view.pattern ??= sub.pattern;
    }
  }
  if (view.types.size === 0) {
    if (view.properties.size > 0) view.types.add('object');
    else if (view.items !== undefined) view.types.add('array');
  }
  return view;
}

function sortedTypes(view: NodeView): string[] {
  const list = [...view.types].sort();
  return view.nullable ? [...list, 'null'] : list;
}

/** Types in `wider` that `narrower` does not cover (integer is covered by number). */
function uncovered(wider: Set<string>, narrower: Set<string>): string[] {
  return [...wider].filter((t) => !narrower.has(t) && !(t === 'integer' && narrower.has('number')));
}

function refOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.$ref === 'string' ? value.$ref : undefined;
}

function branchName(branch: unknown, index: number): string {
  const ref = refOf(branch);
  if (ref) return ref.split('/').pop() ?? ref;
  if (isRecord(branch) && typeof branch.title === 'string') return branch.title;
  if (isRecord(branch)) return typeListOf(branch).join('|') || `#${index}`;
  return `#${index}`;
}

/** Compares two schemas; deltas come back with paths relative to them. */
export function diffSchemas(env: SchemaDiffEnv, before: unknown, after: unknown, depth = 0): RawDelta[] {
  if (depth > MAX_DEPTH || before === undefined || after === undefined) return [];
  const aRef = refOf(before);
  const bRef = refOf(after);
  const key = aRef !== undefined && bRef !== undefined ? `${aRef}\u0000${bRef}` : undefined;
  if (key !== undefined) {
    const hit = env.memo.get(key);
    if (hit) return hit;
    // A cycle (a tree node whose children are tree nodes): the differences below are found on the first pass.
    if (env.stack.has(key)) return [];
    env.stack.add(key);
  }
  const out = compareNodes(env, viewOf(env.oldDoc, before), viewOf(env.newDoc, after), depth);
  if (key !== undefined) {
    env.stack.delete(key);
    env.memo.set(key, out);
  }
  return out;
}

function compareNodes(env: SchemaDiffEnv, a: NodeView, b: NodeView, depth: number): RawDelta[] {
  const out: RawDelta[] = [];
  const response = env.side === 'response';
  if (a.types.size > 0 && b.types.size > 0) {
    const changed = response ? uncovered(b.types, a.types) : uncovered(a.types, b.types);
    if (changed.length > 0) out.push({ kind: 'type-changed', rel: '', before: sortedTypes(a), after: sortedTypes(b) });
  }
  if (response && !a.nullable && b.nullable && a.types.size > 0) {
    out.push({ kind: 'became-nullable', rel: '', before: sortedTypes(a), after: sortedTypes(b) });
  }
  if (!response && a.nullable && !b.nullable) out.push({ kind: 'became-non-nullable', rel: '', before: sortedTypes(a), after: sortedTypes(b) });
  if (response && a.format !== undefined && a.format !== b.format) {
    out.push({ kind: 'format-changed', rel: '', before: a.format, ...(b.format !== undefined ? { after: b.format } : {}) });
  }
  if (!response && b.format !== undefined && a.format !== b.format) out.push({ kind: 'format-narrowed', rel: '', before: a.format ?? null, after: b.format });
  if (a.enum && b.enum) {
    const known = new Set(a.enum.map((v) => JSON.stringify(v)));
    const now = new Set(b.enum.map((v) => JSON.stringify(v)));
    const added = b.enum.filter((v) => !known.has(JSON.stringify(v)));
    const removed = a.enum.filter((v) => !now.has(JSON.stringify(v)));
    if (response && added.length > 0) out.push({ kind: 'enum-value-added', rel: '', before: a.enum, after: added, detail: { known: a.enum } });
    if (!response && removed.length > 0) out.push({ kind: 'enum-value-removed', rel: '', before: removed, after: b.enum });
    if (response && removed.length > 0) out.push({ kind: 'enum-value-removed-response', rel: '', before: removed });
  } else if (!response && !a.enum && b.enum) {
    out.push({ kind: 'enum-restricted', rel: '', after: b.enum });
  }
  if (!response) {
    if (b.maxLength !== undefined && (a.maxLength === undefined || b.maxLength < a.maxLength)) {
      out.push({ kind: 'max-length-decreased', rel: '', before: a.maxLength ?? null, after: b.maxLength });
    }
    if (b.pattern !== undefined && b.pattern !== a.pattern) out.push({ kind: 'pattern-added', rel: '', before: a.pattern ?? null, after: b.pattern });
  }

  // Properties
  for (const [name, schema] of a.properties) {
    const rel = childPath('', name);
    const after = b.properties.get(name);
    const aProp = viewOf(env.oldDoc, schema);
    if (after === undefined) {
      if (response && aProp.writeOnly) continue;
      if (!response && aProp.readOnly) continue;
      // A property removed from an object that still allows anything is often a doc move; still a promise withdrawn.
      out.push({ kind: 'property-removed', rel, before: sortedTypes(aProp), detail: { required: a.required.has(name) } });
      continue;
    }
    const bProp = viewOf(env.newDoc, after);
    if (response && a.required.has(name) && !b.required.has(name) && !bProp.writeOnly) {
      out.push({ kind: 'became-optional', rel, before: 'required', after: 'optional' });
    }
    if (!response && !a.required.has(name) && b.required.has(name) && !bProp.readOnly) {
      out.push({ kind: 'property-became-required', rel, before: 'optional', after: 'required' });
    }
    for (const d of diffSchemas(env, schema, after, depth + 1)) out.push({ ...d, rel: rel + d.rel });
  }
  for (const [name, schema] of b.properties) {
    if (a.properties.has(name)) continue;
    const rel = childPath('', name);
    const bProp = viewOf(env.newDoc, schema);
    if (response) {
      if (!bProp.writeOnly) out.push({ kind: 'property-added', rel, after: sortedTypes(bProp) });
    } else if (b.required.has(name) && !bProp.readOnly) {
      out.push({ kind: 'required-property-added', rel, after: sortedTypes(bProp) });
    } else {
      out.push({ kind: 'optional-property-added', rel, after: sortedTypes(bProp) });
    }
  }

  // Array items: a type change of the items is its own rule.
  if (a.items !== undefined && b.items !== undefined) {
    for (const d of diffSchemas(env, a.items, b.items, depth + 1)) {
      const kind = d.rel === '' && d.kind === 'type-changed' ? 'items-type-changed' : d.kind;
      out.push({ ...d, kind, rel: `[*]${d.rel}` });
    }
  }

  // oneOf / anyOf branches, matched by $ref name (else title/type, else position).
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const before = a[keyword] ?? [];
    const after = b[keyword] ?? [];
    if (before.length === 0 && after.length === 0) continue;
    const oldNames = before.map(branchName);
    const newNames = after.map(branchName);
    const added = newNames.filter((n) => !oldNames.includes(n));
    const removed = oldNames.filter((n) => !newNames.includes(n));
    if (before.length > 0 && added.length > 0) {
      if (response) out.push({ kind: keyword === 'oneOf' ? 'one-of-added' : 'any-of-added', rel: '', before: oldNames, after: added });
      else out.push({ kind: 'variant-added-request', rel: '', after: added });
    }
    if (removed.length > 0 && !response) out.push({ kind: 'variant-removed', rel: '', before: removed });
    newNames.forEach((name, j) => {
      const i = oldNames.indexOf(name);
      if (i < 0) return;
      for (const d of diffSchemas(env, before[i], after[j], depth + 1)) out.push(d);
    });
  }
  return out;
}
