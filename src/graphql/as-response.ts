// A GraphQL schema change at a field the connector's query reads, stated where the answer shows it: in the response
// kinds live samples use, at the JSONPath into `data`. The schema's sighting and the samples' sighting of one vendor
// change are then one finding with two pieces of evidence, as for a REST spec.
import type { Delta } from '../core/deltas.js';
import type { JsonType } from '../core/model.js';
import type { PlacedDelta } from './schema-deltas.js';

const SCALARS: Readonly<Record<string, JsonType>> = { Int: 'integer', Float: 'number', String: 'string', ID: 'string', Boolean: 'boolean' };

/** What JSON a GraphQL output type reads as (`[Int!]` -> array; enums and unknown scalars -> unknown), and whether null may come. */
function jsonOf(type: string): { types: JsonType[]; nullable: boolean } | undefined {
  const nullable = !type.endsWith('!');
  const bare = type.replace(/!$/, '');
  if (bare.startsWith('[')) return { types: ['array'], nullable };
  const scalar = SCALARS[bare];
  return scalar !== undefined ? { types: [scalar], nullable } : undefined;
}

/** The response-kind deltas for one schema delta at the places the query reads it; none when it cannot be said so. */
function asResponse(delta: Delta): Delta[] {
  const stated = { location: 'response' as const, by: 'graphql' as const, where: delta.path };
  switch (delta.kind) {
    case 'graphql-field-removed': {
      if (!delta.used) return [];
      const before = jsonOf(delta.before)?.types ?? [];
      return delta.selectedAt.map((path) => ({ ...stated, kind: 'property-removed', path, before }));
    }
    case 'graphql-field-type-changed': {
      if (!delta.used || delta.safe) return [];
      const before = jsonOf(delta.before);
      const after = jsonOf(delta.after);
      if (before === undefined || after === undefined) return [];
      if (before.types.join() === after.types.join()) {
        if (!before.nullable && after.nullable) return delta.selectedAt.map((path) => ({ ...stated, kind: 'became-nullable', path, before: before.types, after: [...after.types, 'null'] }));
        return [];
      }
      return delta.selectedAt.map((path) => ({ ...stated, kind: 'type-changed', path, before: before.types, after: after.types }));
    }
    case 'graphql-enum-value-added':
      if (!delta.used) return [];
      return delta.selectedAt.map((path) => ({ ...stated, kind: 'enum-value-added', path, before: delta.before, after: delta.after }));
    default:
      return [];
  }
}

/**
 * Schema deltas placed on endpoints, with every change a query reads restated in the response kinds (replacing the
 * GraphQL kind for it); what cannot be said that way (an object type swapped for another, an argument) stays as it is.
 */
export function statedWhereRead(placed: readonly PlacedDelta[]): PlacedDelta[] {
  return placed.flatMap((p) => {
    const restated = asResponse(p.delta);
    return restated.length > 0 ? restated.map((delta) => ({ endpoint: p.endpoint, delta })) : [p];
  });
}
