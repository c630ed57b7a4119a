// The spec walker's raw differences as the core's typed deltas: response-side ones in the same kinds live samples use
// (so a change the spec announces and the vendor ships is one finding), request-side ones as spec-diff kinds.
import type { Delta, DeltaKind, DeltaLocation, JsonType, JsonValue } from '../core/model.js';
import type { RawDelta } from './diff-schemas.js';
import type { BodyMismatch } from './response-validator.js';

const RESPONSE_TYPED: ReadonlySet<string> = new Set([
  'type-changed',
  'items-type-changed',
  'became-nullable',
  'format-changed',
  'enum-value-added',
  'property-removed',
  'property-added',
  'became-optional',
  'one-of-added',
  'any-of-added',
]);

/** Request-side kinds with a rule today (body-/parameter- prefixed); the others have no consumer story yet. */
const REQUEST_KINDS: ReadonlySet<string> = new Set([
  'type-changed',
  'property-removed',
  'required-property-added',
  'property-became-required',
  'enum-value-removed',
  'max-length-decreased',
  'pattern-added',
]);

const asTypes = (v: unknown): JsonType[] => (Array.isArray(v) ? (v.map(String) as JsonType[]) : typeof v === 'string' ? [v as JsonType] : []);
const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))) : []);
const asJson = (v: unknown): JsonValue | undefined => (v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as JsonValue));

/** One raw difference at `where` (`response 200 application/json`, `request body application/json`, `parameter query.x`). */
export function typedSpecDelta(raw: RawDelta, location: 'response' | 'request', where: string, kindPrefix = '', operation?: string): Delta | undefined {
  const path = `${where} $${raw.rel}`;
  if (location === 'response') {
    if (!RESPONSE_TYPED.has(raw.kind)) return undefined;
    return responseDelta(raw, path);
  }
  if (!REQUEST_KINDS.has(raw.kind)) return undefined;
  const prefixed = kindPrefix === 'parameter-' ? parameterKind(raw.kind) : requestBodyKind(raw.kind);
  if (prefixed === undefined) return undefined;
  const delta = { kind: prefixed, location: 'request' as DeltaLocation, path, ...(operation ? { operation } : {}) } as Delta & { before?: JsonValue; after?: JsonValue };
  const before = asJson(raw.before);
  const after = asJson(raw.after);
  if (before !== undefined) delta.before = before;
  if (after !== undefined) delta.after = after;
  return delta;
}

function parameterKind(kind: string): DeltaKind | undefined {
  switch (kind) {
    case 'type-changed':
      return 'parameter-type-changed';
    case 'enum-value-removed':
      return 'parameter-enum-value-removed';
    case 'max-length-decreased':
      return 'parameter-max-length-decreased';
    case 'pattern-added':
      return 'parameter-pattern-added';
    default:
      return undefined;
  }
}

function requestBodyKind(kind: string): DeltaKind | undefined {
  switch (kind) {
    case 'type-changed':
      return 'body-type-changed';
    case 'property-removed':
      return 'body-property-removed';
    case 'required-property-added':
      return 'body-required-property-added';
    case 'property-became-required':
      return 'body-property-became-required';
    case 'enum-value-removed':
      return 'body-enum-value-removed';
    case 'max-length-decreased':
      return 'body-max-length-decreased';
    case 'pattern-added':
      return 'body-pattern-added';
    default:
      return undefined;
  }
}

function responseDelta(raw: RawDelta, path: string): Delta {
  const base = { location: 'response' as const, path, by: 'spec' as const };
  switch (raw.kind) {
    case 'type-changed':
      return { ...base, kind: 'type-changed', before: asTypes(raw.before), after: asTypes(raw.after) };
    case 'items-type-changed':
      return { ...base, kind: 'items-type-changed', before: asTypes(raw.before), after: asTypes(raw.after) };
    case 'became-nullable':
      return { ...base, kind: 'became-nullable', before: asTypes(raw.before), after: asTypes(raw.after) };
    case 'format-changed':
      return { ...base, kind: 'format-changed', before: String(raw.before), after: raw.after === undefined ? null : String(raw.after) };
    case 'enum-value-added':
      return { ...base, kind: 'enum-value-added', before: asStrings(raw.before), after: asStrings(raw.after) };
    case 'property-removed':
      return { ...base, kind: 'property-removed', before: asTypes(raw.before) };
    case 'property-added':
      return { kind: 'property-added', location: 'response', path, after: asTypes(raw.after), presentNow: 0, seenNow: 0 };
    case 'became-optional':
      return { ...base, kind: 'became-optional' };
    case 'one-of-added':
      return { kind: 'one-of-added', location: 'response', path, before: asStrings(raw.before), after: asStrings(raw.after) };
    default:
      return { kind: 'any-of-added', location: 'response', path, before: asStrings(raw.before), after: asStrings(raw.after) };
  }
}

const jsonTypeOf = (v: unknown): JsonType =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : (typeof v as JsonType);

/**
 * A live answer's disagreement with the vendor's spec, in the kinds live samples use when the spec states the same
 * thing the snapshot would have (a type, a required field, an enum, a format), so one change is one finding whoever
 * saw it first; what only a spec states (a pattern, a bound, a closed object) is a spec violation.
 */
export function liveSpecDelta(m: BodyMismatch, operation: string): Delta {
  const stated = { location: 'response' as const, path: m.path, by: 'spec' as const, where: operation };
  switch (m.keyword) {
    case 'type':
      if (m.actual === null) return { ...stated, kind: 'became-nullable', before: asTypes(m.expected), after: [...asTypes(m.expected), 'null'] };
      return { ...stated, kind: /\[\*\]$/.test(m.path) ? 'items-type-changed' : 'type-changed', before: asTypes(m.expected), after: [jsonTypeOf(m.actual)] };
    case 'required':
      return { ...stated, kind: 'property-removed', before: [] };
    case 'enum':
    case 'const':
      if (typeof m.actual === 'string') return { ...stated, kind: 'enum-value-added', before: asStrings(m.expected), after: [m.actual] };
      break;
    case 'format':
      return { ...stated, kind: 'format-changed', before: String(m.expected), after: null };
    default:
      break;
  }
  return { kind: 'spec-violation', location: 'response', path: m.path, keyword: m.keyword, reason: m.reason, operation };
}
