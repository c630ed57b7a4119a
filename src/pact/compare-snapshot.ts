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

/** Pinned fields of one interaction's expected response body checked against a snapshot schema. */
export function comparePinsWithSnapshot(interaction: PactInteraction, schema: ShapeSchema): Delta[] {
  const deltas: Delta[] = [];
  const base = { location: 'contract' as const };
  const walk = (value: JsonValue, node: ShapeSchema, path: string): void => {
    const accepted = acceptedTypes(value, matchersAt(interaction.responseRules, path));
    if (!compatible(accepted, node)) {
      deltas.push({
        ...base,
        kind: 'pact-pin-type-mismatch',
        path,
        before: accepted.join(' or '),
        after: schemaTypes(node).join(' or '),
        detail: { interaction: interaction.description },
      });
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
        deltas.push({ ...base, kind: 'pact-pin-missing', path: at, detail: { interaction: interaction.description } });
        continue;
      }
      if (!required.has(key)) {
        const detail: Record<string, unknown> = { interaction: interaction.description, sometimes: true };
        if (typeof prop['x-present'] === 'number') detail.present = prop['x-present'];
        if (typeof node['x-seen'] === 'number') detail.seen = node['x-seen'];
        deltas.push({ ...base, kind: 'pact-pin-missing', path: at, detail });
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
