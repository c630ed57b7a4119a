// Seeded random edits to a spec's schemas, for property tests: each edit means something to a consumer.
import type { OpenApiDocument } from '../../src/openapi/types.js';

type Schema = Record<string, unknown>;

/** A few seeded edits to the schemas of a spec: enum values, bounds, types, nullability, properties. */
export function edit(doc: OpenApiDocument, seed: number): OpenApiDocument {
  let state = seed;
  const next = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const schema = node as Schema;
    if (next() < 0.15) {
      const pick = Math.floor(next() * 6);
      if (pick === 0 && Array.isArray(schema.enum)) schema.enum = [...(schema.enum as unknown[]), 'z'];
      else if (pick === 1 && typeof schema.maxLength === 'number') schema.maxLength = schema.maxLength + 7;
      else if (pick === 2 && schema.type === 'string') schema.type = 'integer';
      else if (pick === 3 && typeof schema.type === 'string') schema.nullable = schema.nullable !== true;
      else if (pick === 4 && schema.properties && typeof schema.properties === 'object') (schema.properties as Schema).extra = { type: 'string' };
      else if (pick === 5 && schema.properties && typeof schema.properties === 'object') delete (schema.properties as Schema)[Object.keys(schema.properties)[0]!];
    }
    for (const value of Object.values(schema)) visit(value);
  };
  visit(doc);
  return doc;
}
