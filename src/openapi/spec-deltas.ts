// The spec walker's facts as the core's typed deltas, judged by side: on a response (or a webhook payload, or a
// response header) in the same kinds live samples use where they mean the same (so a change the spec announces and
// the vendor ships is one finding), on a request (parameters, bodies) as spec-diff kinds.
import type { Delta, JsonType, JsonValue } from '../core/model.js';
import type { Fact } from './diff-schemas.js';
import type { BodyMismatch } from './response-validator.js';

/** Where a schema sits in the exchange: the first three are read by the consumer, the last two sent by it. */
export type Container = 'response' | 'header' | 'payload' | 'body' | 'parameter';

const asTypes = (v: unknown): JsonType[] => (Array.isArray(v) ? (v.map(String) as JsonType[]) : typeof v === 'string' ? [v as JsonType] : []);
const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))) : []);
const asJson = (v: unknown): JsonValue | undefined => (v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as JsonValue));

/** before/after as JSON, when the fact has them. */
function values(fact: Fact): { before?: JsonValue; after?: JsonValue } {
  const out: { before?: JsonValue; after?: JsonValue } = {};
  const before = asJson(fact.before);
  const after = asJson(fact.after);
  if (before !== undefined) out.before = before;
  if (after !== undefined) out.after = after;
  return out;
}

/**
 * One fact at `path` (`response 200 application/json $.status`, `parameter query.limit`, or `$.status` inside a
 * component) as a typed delta, or undefined when it means nothing on this side (a readOnly flip in a response).
 */
export function typedSpecDelta(fact: Fact, container: Container, path: string): Delta | undefined {
  return container === 'body' || container === 'parameter' ? requestDelta(fact, container, path) : responseDelta(fact, container, path);
}

/** The full path of a rename's other half: this fact's path with its own JSON path swapped for the partner's. */
function partnerPath(fact: Fact, path: string, key: 'renamedTo' | 'renamedFrom'): string | undefined {
  const own = fact.detail?.rel;
  const partner = fact.detail?.[key];
  if (typeof own !== 'string' || typeof partner !== 'string' || !path.endsWith(own)) return undefined;
  return path.slice(0, path.length - own.length) + partner;
}

const keywordOf = (fact: Fact): string => String(fact.detail?.keyword ?? fact.kind);

function responseDelta(fact: Fact, container: Container, path: string): Delta | undefined {
  const base = { location: 'response' as const, path, by: 'spec' as const };
  const constraint = (tightened: boolean, keyword: string): Delta => ({
    kind: tightened ? 'response-constraint-tightened' : 'response-constraint-loosened',
    location: 'response',
    path,
    keyword,
    in: container === 'header' || container === 'payload' ? container : 'response',
    ...values(fact),
  });
  switch (fact.kind) {
    case 'type': {
      const widened = (fact.detail?.widened as string[] | undefined) ?? [];
      if (widened.length === 0) return constraint(true, 'type');
      return { ...base, kind: /\[\*\]$/.test(path) ? 'items-type-changed' : 'type-changed', before: asTypes(fact.before), after: asTypes(fact.after) };
    }
    case 'nullable-added':
      return { ...base, kind: 'became-nullable', before: asTypes(fact.before), after: asTypes(fact.after) };
    case 'nullable-removed':
      return constraint(true, 'nullable');
    case 'format':
      if (fact.before === null) return constraint(true, 'format');
      return { ...base, kind: 'format-changed', before: String(fact.before), after: fact.after === null ? null : String(fact.after) };
    case 'enum-added':
      return { ...base, kind: 'enum-value-added', before: asStrings(fact.before), after: asStrings(fact.after) };
    case 'enum-removed':
    case 'enum-set':
      return constraint(true, 'enum');
    case 'enum-unset':
      return constraint(false, 'enum');
    case 'pattern':
      return constraint(fact.before === null, 'pattern');
    case 'bound':
      return constraint(fact.detail?.tightened === true, keywordOf(fact));
    case 'default':
      return { kind: 'response-default-changed', location: 'response', path, ...values(fact) };
    case 'property-removed': {
      const renamedTo = partnerPath(fact, path, 'renamedTo');
      if (fact.detail?.required === true) return { ...base, kind: 'property-removed', before: asTypes(fact.before), ...(renamedTo ? { renamedTo } : {}) };
      return { kind: 'optional-property-removed', location: 'response', path, ...values(fact) };
    }
    case 'property-added': {
      const renamedFrom = partnerPath(fact, path, 'renamedFrom');
      return { kind: 'property-added', location: 'response', path, after: asTypes(fact.after), presentNow: 0, seenNow: 0, ...(renamedFrom ? { renamedFrom: { path: renamedFrom } } : {}) };
    }
    case 'required-removed':
      return { ...base, kind: 'became-optional' };
    case 'required-added':
      return { kind: 'property-became-required', location: 'response', path, ...values(fact) };
    case 'became-write-only':
      return { kind: 'property-became-write-only', location: 'response', path, ...values(fact) };
    case 'deprecated':
      return { kind: 'property-deprecated', location: 'response', path };
    case 'branch-added':
      return { kind: fact.detail?.keyword === 'anyOf' ? 'any-of-added' : 'one-of-added', location: 'response', path, before: asStrings(fact.before), after: asStrings(fact.after) };
    case 'branch-removed':
      return constraint(true, keywordOf(fact));
    case 'discriminator':
      return { kind: 'response-discriminator-changed', location: 'response', path, ...values(fact) };
    case 'keyword':
      return { kind: 'response-schema-changed', location: 'response', path, keyword: keywordOf(fact), ...values(fact) };
    case 'became-read-only':
      return undefined;
  }
}

function requestDelta(fact: Fact, container: 'body' | 'parameter', path: string): Delta | undefined {
  const parameter = container === 'parameter';
  const base = { location: 'request' as const, path, ...values(fact) };
  const constraint = (tightened: boolean, keyword: string): Delta => ({
    kind: tightened ? 'request-constraint-tightened' : 'request-constraint-loosened',
    location: 'request',
    path,
    keyword,
    in: container,
    ...values(fact),
  });
  switch (fact.kind) {
    case 'type': {
      const narrowed = (fact.detail?.narrowed as string[] | undefined) ?? [];
      if (narrowed.length === 0) return constraint(false, 'type');
      return { ...base, kind: parameter ? 'parameter-type-changed' : 'body-type-changed' };
    }
    case 'nullable-added':
      return constraint(false, 'nullable');
    case 'nullable-removed':
      return constraint(true, 'nullable');
    case 'format':
      return constraint(fact.after !== null, 'format');
    case 'enum-removed':
      return { ...base, kind: parameter ? 'parameter-enum-value-removed' : 'body-enum-value-removed' };
    case 'enum-added':
    case 'enum-unset':
      return constraint(false, 'enum');
    case 'enum-set':
      return constraint(true, 'enum');
    case 'pattern':
      if (fact.after === null) return constraint(false, 'pattern');
      return { ...base, kind: parameter ? 'parameter-pattern-added' : 'body-pattern-added' };
    case 'bound': {
      const tightened = fact.detail?.tightened === true;
      if (tightened && fact.detail?.keyword === 'maxLength') return { ...base, kind: parameter ? 'parameter-max-length-decreased' : 'body-max-length-decreased' };
      return constraint(tightened, keywordOf(fact));
    }
    case 'default':
      return { ...base, kind: 'request-default-changed' };
    case 'property-removed':
      return { ...base, kind: 'body-property-removed' };
    case 'property-added':
      return { ...base, kind: fact.detail?.required === true ? 'body-required-property-added' : 'body-optional-property-added' };
    case 'required-added':
      return { ...base, kind: 'body-property-became-required' };
    case 'required-removed':
      return { ...base, kind: 'body-property-became-optional' };
    case 'became-read-only':
      return { ...base, kind: 'body-property-became-read-only' };
    case 'deprecated':
      return { kind: 'request-property-deprecated', location: 'request', path };
    case 'branch-added':
      return constraint(false, keywordOf(fact));
    case 'branch-removed':
      return constraint(true, keywordOf(fact));
    case 'discriminator':
      return { ...base, kind: 'request-discriminator-changed' };
    case 'keyword':
      return { kind: 'request-schema-changed', location: 'request', path, keyword: keywordOf(fact), in: container, ...values(fact) };
    case 'became-write-only':
      return undefined;
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
