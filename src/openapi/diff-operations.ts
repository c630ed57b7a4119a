// One operation (or webhook) of two documents side by side: existence, deprecation and sunset, parameters, request
// bodies, responses and their headers, security. Schemas are handed to the schema walker; the rest are deltas.
// Over 300 lines: one section per part of an operation, in the order the OpenAPI document lists them.
import type { Delta, JsonValue } from '../core/model.js';
import { mediaTypeOf } from '../core/media-type.js';
import type { SchemaSide } from './diff-schemas.js';
import { viewOperation, type MediaView, type OperationView, type ParameterView } from './operations.js';
import { asRecord, isRecord } from './refs.js';
import type { Container } from './spec-deltas.js';
import type { OpenApiDocument, SpecOperation } from './types.js';

export interface OperationPair {
  /** The scope key (`GET /invoices/{}`, `webhook issues`). */
  key: string;
  before?: SpecOperation;
  after?: SpecOperation;
}

export interface OperationSink {
  /** The run's "now": sunset dates are counted from it. */
  now?: Date;
  warnDays: number;
  delta(delta: Delta): void;
  /** Two schemas at a root place of this operation, for the schema walker. */
  schema(side: SchemaSide, label: string, container: Container, before: unknown, after: unknown): void;
}

const DAY_MS = 86_400_000;

function sunsetOf(node: Record<string, unknown>): string | undefined {
  const value = node['x-sunset'];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function daysLeft(sunset: string | undefined, now: Date | undefined): number | undefined {
  if (sunset === undefined || now === undefined) return undefined;
  const at = Date.parse(sunset);
  return Number.isNaN(at) ? undefined : Math.floor((at - now.getTime()) / DAY_MS);
}

function deprecationFacts(sunset: string | undefined, sink: OperationSink): { sunset?: string; daysLeft?: number; warnDays: number } {
  const left = daysLeft(sunset, sink.now);
  return { ...(sunset !== undefined ? { sunset } : {}), ...(left !== undefined ? { daysLeft: left } : {}), warnDays: sink.warnDays };
}

export function compareOperations(oldDoc: OpenApiDocument, newDoc: OpenApiDocument, pair: OperationPair, newTemplates: ReadonlySet<string>, sink: OperationSink): void {
  const webhook = pair.key.startsWith('webhook ');
  const { before, after } = pair;
  if (!after) {
    const old = before!;
    if (webhook) sink.delta({ kind: 'webhook-removed', location: 'operation', path: old.key, before: old.key, deprecated: old.deprecated });
    else {
      const sunset = sunsetOf(old.operation);
      sink.delta({
        kind: newTemplates.has(old.template) ? 'operation-removed' : 'path-removed',
        location: 'operation',
        path: old.key,
        before: old.key,
        deprecated: old.deprecated || sunset !== undefined,
      });
    }
    return;
  }
  if (!before) {
    sink.delta({ kind: webhook ? 'webhook-added' : 'operation-added', location: 'operation', path: after.key, after: after.key });
    return;
  }
  compareDeprecation(before, after, sink);
  const idBefore = before.operation.operationId;
  const idAfter = after.operation.operationId;
  if (typeof idBefore === 'string' && typeof idAfter === 'string' && idBefore !== idAfter) {
    sink.delta({ kind: 'operation-id-changed', location: 'operation', path: 'operationId', before: idBefore, after: idAfter });
  }
  const a = viewOperation(oldDoc, before);
  const b = viewOperation(newDoc, after);
  if (webhook) {
    // The payload the vendor sends is read like a response; what the consumer answers is not judged.
    comparePayloads(a, b, sink);
    return;
  }
  compareParameters(a.parameters, b.parameters, before.path, after.path, sink);
  compareRequestBody(a, b, sink);
  compareResponses(a, b, sink);
  compareSecurity(a, b, sink);
}

function compareDeprecation(before: SpecOperation, after: SpecOperation, sink: OperationSink): void {
  const sunsetA = sunsetOf(before.operation);
  const sunsetB = sunsetOf(after.operation);
  const deprecatedA = before.deprecated || sunsetA !== undefined;
  const deprecatedB = after.deprecated || sunsetB !== undefined;
  if (deprecatedB && (!deprecatedA || sunsetA !== sunsetB)) {
    sink.delta({
      kind: 'operation-deprecated',
      location: 'operation',
      path: 'deprecated',
      ...(deprecatedA ? { before: sunsetA ?? 'deprecated' } : {}),
      after: sunsetB ?? 'deprecated',
      ...deprecationFacts(sunsetB, sink),
    });
  } else if (deprecatedA && !deprecatedB) {
    sink.delta({ kind: 'operation-reinstated', location: 'operation', path: 'deprecated', before: sunsetA ?? 'deprecated' });
  }
}

/** `query.limit`, `header.x-request-id` (header names are case-insensitive). */
const parameterKey = (p: ParameterView): string => `${p.in}.${p.in === 'header' ? p.name.toLowerCase() : p.name}`;

function isStructured(schema: unknown): boolean {
  const type = asRecord(schema)?.type;
  return type === 'array' || type === 'object' || (Array.isArray(type) && (type.includes('array') || type.includes('object')));
}

/** Path parameters in the order the path template names them (`/a/{x}/b/{y}`: x, then y). */
function pathParameters(parameters: ParameterView[], template: string): ParameterView[] {
  const names = [...template.matchAll(/\{([^}/]+)\}/g)].map((m) => m[1]);
  const rank = (p: ParameterView): number => {
    const i = names.indexOf(p.name);
    return i < 0 ? names.length : i;
  };
  return parameters.filter((p) => p.in === 'path').sort((x, y) => rank(x) - rank(y) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

function compareParameters(before: ParameterView[], after: ParameterView[], pathBefore: string, pathAfter: string, sink: OperationSink): void {
  const oldByKey = new Map(before.filter((p) => p.in !== 'path').map((p) => [parameterKey(p), p]));
  const newByKey = new Map(after.filter((p) => p.in !== 'path').map((p) => [parameterKey(p), p]));
  const moved = new Set<string>();
  for (const [key, p] of newByKey) {
    if (oldByKey.has(key)) continue;
    // Same name, another place (query -> header): the consumer sends it where it is no longer read.
    const from = [...oldByKey.values()].find((o) => o.name.toLowerCase() === p.name.toLowerCase() && !newByKey.has(parameterKey(o)));
    if (from) {
      moved.add(parameterKey(from));
      moved.add(key);
      sink.delta({ kind: 'parameter-moved', location: 'request', path: `parameter ${parameterKey(from)}`, before: parameterKey(from), after: key });
      continue;
    }
    sink.delta({ kind: p.required ? 'parameter-added-required' : 'parameter-added-optional', location: 'request', path: `parameter ${key}`, after: p.required ? 'required' : 'optional' });
  }
  for (const [key, p] of oldByKey) {
    if (moved.has(key)) continue;
    const now = newByKey.get(key);
    if (!now) {
      sink.delta({ kind: 'parameter-removed', location: 'request', path: `parameter ${key}`, before: p.required ? 'required' : 'optional' });
      continue;
    }
    compareParameter(p, now, `parameter ${key}`, sink);
  }
  // Path parameters are positional: a renamed `{id}` -> `{invoice_id}` is the same parameter.
  const oldPath = pathParameters(before, pathBefore);
  const newPath = pathParameters(after, pathAfter);
  oldPath.forEach((p, i) => {
    const now = newPath[i];
    if (now) compareParameter(p, now, `parameter path.${now.name}`, sink);
  });
}

function compareParameter(a: ParameterView, b: ParameterView, where: string, sink: OperationSink): void {
  if (!a.required && b.required) sink.delta({ kind: 'parameter-became-required', location: 'request', path: where, before: 'optional', after: 'required' });
  if (a.required && !b.required) sink.delta({ kind: 'parameter-became-optional', location: 'request', path: where, before: 'required', after: 'optional' });
  if ((!a.deprecated && b.deprecated) || (b.sunset !== undefined && a.sunset !== b.sunset)) {
    sink.delta({ kind: 'parameter-deprecated', location: 'request', path: where, after: b.sunset ?? 'deprecated', ...deprecationFacts(b.sunset, sink) });
  }
  // Serialisation only matters for arrays and objects: `tags=a,b` vs `tags=a&tags=b`.
  if ((isStructured(a.schema) || isStructured(b.schema)) && (a.style !== b.style || a.explode !== b.explode)) {
    const text = (p: ParameterView): string => `style ${p.style}, explode ${String(p.explode)}`;
    sink.delta({ kind: 'parameter-serialization-changed', location: 'request', path: where, before: text(a), after: text(b) });
  }
  sink.schema('request', where, 'parameter', a.schema, b.schema);
}

/** The media type of `content` that `media` is the same as (parameters and case ignored). */
function sameMedia(content: Record<string, MediaView>, media: string): [string, MediaView] | undefined {
  return Object.entries(content).find(([m]) => mediaTypeOf(m) === mediaTypeOf(media));
}

function compareRequestBody(before: OperationView, after: OperationView, sink: OperationSink): void {
  const a = before.requestBody;
  const b = after.requestBody;
  if (!a && !b) return;
  if (!b) {
    sink.delta({ kind: 'body-removed', location: 'request', path: 'request body', before: a!.required ? 'required' : 'optional' });
    return;
  }
  if (b.required && (!a || !a.required)) {
    sink.delta({ kind: 'body-became-required', location: 'request', path: 'request body', before: a ? 'optional' : 'none', after: 'required' });
  } else if (!a) {
    sink.delta({ kind: 'body-added', location: 'request', path: 'request body', after: Object.keys(b.content) });
  } else if (a.required && !b.required) {
    sink.delta({ kind: 'body-became-optional', location: 'request', path: 'request body', before: 'required', after: 'optional' });
  }
  if (!a) return;
  for (const [media, mediaBefore] of Object.entries(a.content)) {
    const match = sameMedia(b.content, media);
    if (!match) {
      sink.delta({ kind: 'request-media-type-removed', location: 'request', path: `request body ${media}`, before: media, after: Object.keys(b.content) });
      continue;
    }
    sink.schema('request', `request body ${media}`, 'body', mediaBefore.schema, match[1].schema);
  }
  for (const media of Object.keys(b.content)) {
    if (!sameMedia(a.content, media)) sink.delta({ kind: 'request-media-type-added', location: 'request', path: `request body ${media}`, after: media });
  }
}

function compareResponses(before: OperationView, after: OperationView, sink: OperationSink): void {
  for (const [status, oldResponse] of Object.entries(before.responses)) {
    const newResponse = after.responses[status];
    if (!newResponse) {
      sink.delta({ kind: /^2/.test(status) ? 'success-status-removed' : 'status-removed', location: 'response', path: `response ${status}`, before: status });
      continue;
    }
    for (const [media, oldMedia] of Object.entries(oldResponse.content)) {
      const match = sameMedia(newResponse.content, media);
      if (!match) {
        sink.delta({ kind: 'media-type-removed', location: 'response', path: `response ${status} ${media}`, before: media, after: Object.keys(newResponse.content) });
        continue;
      }
      sink.schema('response', `response ${status} ${media}`, 'response', oldMedia.schema, match[1].schema);
    }
    for (const media of Object.keys(newResponse.content)) {
      if (!sameMedia(oldResponse.content, media)) sink.delta({ kind: 'media-type-added', location: 'response', path: `response ${status} ${media}`, after: media });
    }
    for (const [name, header] of Object.entries(oldResponse.headers)) {
      const now = newResponse.headers[name];
      const where = `response ${status} header ${name}`;
      if (!now) {
        sink.delta({ kind: 'header-removed', location: 'response', path: where, before: name, required: header.required });
        continue;
      }
      if (header.required && !now.required) sink.delta({ kind: 'header-became-optional', location: 'response', path: where, before: 'required', after: 'optional' });
      sink.schema('response', where, 'header', header.schema, now.schema);
    }
    for (const name of Object.keys(newResponse.headers)) {
      if (!(name in oldResponse.headers)) sink.delta({ kind: 'header-added', location: 'response', path: `response ${status} header ${name}`, after: name });
    }
  }
  for (const status of Object.keys(after.responses)) {
    if (!(status in before.responses)) sink.delta({ kind: 'status-added', location: 'response', path: `response ${status}`, after: status });
  }
}

function comparePayloads(before: OperationView, after: OperationView, sink: OperationSink): void {
  const a = before.requestBody?.content ?? {};
  const b = after.requestBody?.content ?? {};
  for (const [media, mediaBefore] of Object.entries(a)) {
    const match = sameMedia(b, media);
    if (!match) {
      sink.delta({ kind: 'media-type-removed', location: 'response', path: `payload ${media}`, before: media, after: Object.keys(b) });
      continue;
    }
    sink.schema('response', `payload ${media}`, 'payload', mediaBefore.schema, match[1].schema);
  }
  for (const media of Object.keys(b)) if (!sameMedia(a, media)) sink.delta({ kind: 'media-type-added', location: 'response', path: `payload ${media}`, after: media });
}

function compareSecurity(before: OperationView, after: OperationView, sink: OperationSink): void {
  const a = before.security ?? [];
  const b = after.security ?? [];
  const anonymousBefore = a.length === 0 || a.some((req) => Object.keys(req).length === 0);
  const anonymousAfter = b.length === 0 || b.some((req) => Object.keys(req).length === 0);
  const schemes = (reqs: Array<Record<string, string[]>>): Map<string, Set<string>> => {
    const out = new Map<string, Set<string>>();
    for (const req of reqs) for (const [name, scopes] of Object.entries(req)) out.set(name, new Set([...(out.get(name) ?? []), ...scopes]));
    return out;
  };
  const schemesBefore = schemes(a);
  const schemesAfter = schemes(b);
  if (!anonymousAfter) {
    const stillSatisfied = b.some((req) => Object.keys(req).every((k) => schemesBefore.has(k)));
    if (anonymousBefore || !stillSatisfied) {
      for (const name of schemesAfter.keys()) {
        if (!schemesBefore.has(name) || anonymousBefore) {
          sink.delta({ kind: 'security-added', location: 'auth', path: `security ${name}`, after: name, ...(anonymousBefore ? { wasAnonymous: true } : {}) });
        }
      }
    }
  }
  for (const name of schemesBefore.keys()) {
    if (!schemesAfter.has(name)) sink.delta({ kind: 'security-removed', location: 'auth', path: `security ${name}`, before: name });
  }
  for (const [name, scopes] of schemesAfter) {
    const old = schemesBefore.get(name);
    if (!old) continue;
    const added = [...scopes].filter((s) => !old.has(s)).sort();
    const removed = [...old].filter((s) => !scopes.has(s)).sort();
    if (added.length > 0) sink.delta({ kind: 'security-scope-added', location: 'auth', path: `security ${name}`, before: [...old].sort(), after: added });
    if (removed.length > 0) sink.delta({ kind: 'security-scope-removed', location: 'auth', path: `security ${name}`, before: removed, after: [...scopes].sort() });
  }
}

// ---------------------------------------------------------------------------------------------
// Document-wide: servers and security scheme definitions.

const SCHEME_FIELDS = ['type', 'in', 'name', 'scheme', 'bearerFormat', 'openIdConnectUrl', 'flow', 'authorizationUrl', 'tokenUrl'];

function securitySchemesOf(doc: OpenApiDocument): Record<string, unknown> {
  return asRecord(doc.securityDefinitions) ?? asRecord(asRecord(doc.components)?.securitySchemes) ?? {};
}

/** The fields of a security scheme that decide how credentials are sent (the `http` scheme's name is case-insensitive). */
function schemeFacts(s: Record<string, unknown>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const f of SCHEME_FIELDS) {
    const v = s[f];
    if (typeof v === 'string') out[f] = f === 'scheme' || f === 'in' ? v.toLowerCase() : v;
  }
  const flows = asRecord(s.flows);
  if (flows) {
    for (const flow of Object.keys(flows).sort()) {
      const d = asRecord(flows[flow]);
      if (!d) continue;
      const urls: Record<string, JsonValue> = {};
      for (const key of ['authorizationUrl', 'tokenUrl']) if (typeof d[key] === 'string') urls[key] = d[key] as string;
      out[`flows.${flow}`] = urls;
    }
  }
  return out;
}

export function diffDocumentWide(oldDoc: OpenApiDocument, newDoc: OpenApiDocument): Delta[] {
  const out: Delta[] = [...diffServers(oldDoc, newDoc)];
  const before = securitySchemesOf(oldDoc);
  const after = securitySchemesOf(newDoc);
  for (const [name, raw] of Object.entries(before)) {
    const a = asRecord(raw);
    const b = asRecord(after[name]);
    if (!a || !b) continue;
    const pa = schemeFacts(a);
    const pb = schemeFacts(b);
    const same = JSON.stringify(Object.entries(pa).sort()) === JSON.stringify(Object.entries(pb).sort());
    if (!same) out.push({ kind: 'security-scheme-changed', location: 'auth', path: `securitySchemes.${name}`, before: pa, after: pb });
  }
  return out;
}

/** Server URLs of a document: OpenAPI 3 `servers`, Swagger 2.0 scheme + host + basePath. */
function serverUrlsOf(doc: OpenApiDocument): string[] {
  if (typeof doc.swagger === 'string') {
    if (typeof doc.host !== 'string') return [];
    const schemes = Array.isArray(doc.schemes) && doc.schemes.length > 0 ? doc.schemes.map(String) : ['https'];
    return schemes.map((s) => `${s}://${doc.host as string}${typeof doc.basePath === 'string' ? doc.basePath : ''}`);
  }
  return Array.isArray(doc.servers) ? doc.servers.filter(isRecord).map((s) => String(s.url ?? '')).filter(Boolean) : [];
}

function diffServers(oldDoc: OpenApiDocument, newDoc: OpenApiDocument): Delta[] {
  const trim = (u: string): string => u.replace(/\/+$/, '');
  const before = serverUrlsOf(oldDoc);
  const after = serverUrlsOf(newDoc).map(trim);
  const removed = before.filter((u) => !after.includes(trim(u)));
  if (removed.length === 0 || after.length === 0) return [];
  return removed.map((url) => ({ kind: 'server-url-changed', location: 'operation' as const, path: 'servers', before: url, after: serverUrlsOf(newDoc).join(', ') }));
}
