// The set-based cross-check: json-schema-diff asks "does the new response schema accept values the old did not?".
import jsonSchemaDiff from 'json-schema-diff';
import { isRecord, refSegments, getAtPointer, type JsonRecord } from './refs.js';
import type { OpenApiDocument } from './types.js';

export type CrossCheckVerdict =
  | { kind: 'checked'; widened: boolean; narrowed: boolean; example?: unknown }
  | { kind: 'skipped'; reason: string };

/** Beyond this many schema nodes once inlined, the set arithmetic gets slow: skip (and count the skip). */
const MAX_NODES = 4_000;

class Uncheckable extends Error {}

/** Draft-07 keywords json-schema-diff understands; everything else would be ignored or confuse it. */
const KEEP = new Set([
  'type', 'properties', 'required', 'items', 'additionalProperties', 'allOf', 'anyOf', 'oneOf', 'not',
  'maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum', 'maxLength', 'minLength', 'maxItems', 'minItems',
  'maxProperties', 'minProperties',
]);

/**
 * Inlines `$ref`s (a cycle makes the schema uncheckable: json-schema-diff needs a tree) and turns OpenAPI 3.0
 * `nullable` into a `null` type, keeping only the keywords json-schema-diff supports.
 */
export function toDiffableSchema(doc: OpenApiDocument, schema: unknown): unknown {
  let nodes = 0;
  const walk = (value: unknown, stack: readonly string[]): unknown => {
    if (++nodes > MAX_NODES) throw new Uncheckable('schema too large');
    if (typeof value === 'boolean') return value;
    if (!isRecord(value)) return {};
    if (typeof value.$ref === 'string') {
      if (stack.includes(value.$ref)) throw new Uncheckable('circular schema');
      const segments = refSegments(value.$ref);
      if (segments === undefined) throw new Uncheckable(`external reference ${value.$ref}`);
      return walk(getAtPointer(doc, segments), [...stack, value.$ref]);
    }
    const out: JsonRecord = {};
    for (const [key, v] of Object.entries(value)) {
      if (!KEEP.has(key)) continue;
      if (key === 'properties' && isRecord(v)) out.properties = Object.fromEntries(Object.entries(v).map(([k, s]) => [k, walk(s, stack)]));
      else if ((key === 'allOf' || key === 'anyOf' || key === 'oneOf') && Array.isArray(v)) out[key] = v.map((s) => walk(s, stack));
      else if (key === 'items' || key === 'not' || (key === 'additionalProperties' && isRecord(v))) out[key] = walk(v, stack);
      else if (typeof v === 'boolean' && (key === 'exclusiveMaximum' || key === 'exclusiveMinimum')) continue;
      else out[key] = v;
    }
    if (value.nullable === true || value['x-nullable'] === true) {
      if (typeof out.type === 'string') out.type = [out.type, 'null'];
      else if (Array.isArray(out.type)) out.type = [...new Set([...out.type, 'null'])];
      else return { anyOf: [out, { type: 'null' }] };
    }
    return out;
  };
  return walk(schema, []);
}

export async function crossCheckResponse(
  oldDoc: OpenApiDocument,
  newDoc: OpenApiDocument,
  before: unknown,
  after: unknown,
): Promise<CrossCheckVerdict> {
  let sourceSchema: unknown;
  let destinationSchema: unknown;
  try {
    sourceSchema = toDiffableSchema(oldDoc, before);
    destinationSchema = toDiffableSchema(newDoc, after);
  } catch (error) {
    if (error instanceof Uncheckable) return { kind: 'skipped', reason: error.message };
    throw error;
  }
  try {
    const result = await jsonSchemaDiff.diffSchemas({ sourceSchema: sourceSchema as never, destinationSchema: destinationSchema as never });
    return {
      kind: 'checked',
      widened: result.additionsFound,
      narrowed: result.removalsFound,
      ...(result.additionsFound ? { example: result.addedJsonSchema } : {}),
    };
  } catch (error) {
    // json-schema-diff rejects some valid schemas (it is a cross-check, not the judge): count it as skipped.
    return { kind: 'skipped', reason: error instanceof Error ? error.message : String(error) };
  }
}
