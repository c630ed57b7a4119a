// Pact vs snapshot: every field a consumer pins must exist in the accepted shape of its endpoint, with a compatible type.
import { childPath, itemsPath } from '../core/jsonpath.js';
import type { Delta, JsonType, JsonValue, ShapeSchema } from '../core/model.js';
import type { PactInteraction, PactMatcher } from './pact-file.js';
import { matchersAt } from './usage.js';

/** What a matcher (or, without one, the example value) lets through, as JSON types. */
function acceptedTypes(value: JsonValue, matchers: readonly PactMatcher[]): JsonType[] {
  for (const m of matchers) {
    switch (m.match) {
      case 'integer':
        return ['integer'];
      case 'decimal':
        return ['number'];
      case 'number':
        return ['integer', 'number'];
      case 'boolean':
        return ['boolean'];
      case 'regex':
      case 'date':
      case 'time':
      case 'timestamp':
      case 'datetime':
        return ['string'];
      case 'null':
        return ['null'];
      default:
        break;
    }
  }
  if (value === null) return ['null'];
  if (Array.isArray(value)) return ['array'];
  switch (typeof value) {
    case 'string':
      return ['string'];
    case 'boolean':
      return ['boolean'];
    // Pact's type matching treats every JSON number alike; an exact value (no matcher) must be equal anyway.
    case 'number':
      return Number.isInteger(value) ? ['integer', 'number'] : ['number'];
    default:
      return ['object'];
  }
}

function schemaTypes(schema: ShapeSchema): JsonType[] {
  if (schema.type === undefined) return [];
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

/** A field the vendor sometimes sends as null is a nullability drift of its own, not a type clash: ignore `null` here. */
function compatible(accepted: readonly JsonType[], schema: ShapeSchema): boolean {
  const have = schemaTypes(schema).filter((t) => t !== 'null');
  if (have.length === 0) return true;
  return have.some((t) => accepted.includes(t) || (t === 'integer' && accepted.includes('number')));
}

/**
 * Pinned fields of one interaction's expected response body checked against a snapshot schema, stated in the kinds
 * the live checks use (`by: 'pact'`): a pin the vendor's accepted answer breaks is the same change the samples saw.
 */
export function comparePinsWithSnapshot(interaction: Pick<PactInteraction, 'description' | 'responseRules' | 'responseBody'>, schema: ShapeSchema): Delta[] {
  const deltas: Delta[] = [];
  const base = { location: 'response' as const, by: 'pact' as const, where: interaction.description };
  const walk = (value: JsonValue, node: ShapeSchema, path: string): void => {
    const accepted = acceptedTypes(value, matchersAt(interaction.responseRules, path));
    if (!compatible(accepted, node)) {
      deltas.push({ ...base, kind: 'type-changed', path, before: accepted, after: schemaTypes(node).filter((t) => t !== 'null') });
      return;
    }
    if (Array.isArray(value)) {
      if (node.items) for (const item of value) walk(item, node.items, itemsPath(path));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const required = new Set(node.required ?? []);
    for (const [key, child] of Object.entries(value)) {
      const at = childPath(path, key);
      const prop = node.properties?.[key];
      if (!prop) {
        deltas.push({ ...base, kind: 'property-removed', path: at, before: [] });
        continue;
      }
      if (!required.has(key)) {
        const seen = node['x-seen'] ?? 0;
        const present = prop['x-present'] ?? 0;
        deltas.push({ ...base, kind: 'became-optional', path: at, presence: { present, seen, absent: seen - present, absentNow: seen - present, seenNow: seen } });
      }
      walk(child, prop, at);
    }
  };
  if (interaction.responseBody !== undefined) walk(interaction.responseBody, schema, '$');
  // Every item of an expected array walks the same paths: one finding per (kind, path) is enough.
  const seen = new Set<string>();
  return deltas.filter((d) => {
    const key = `${d.kind}\u0000${d.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
