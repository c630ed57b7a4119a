// Spec vs spec: two OpenAPI documents -> observations judged by the core (one finding per change), scoped to the
// operations a consumer uses.
import { classify, summarize, type ClassifyContext, type Observation } from '../core/classify.js';
import type { Delta, Finding, JsonValue, SeverityCounts } from '../core/model.js';
import type { AnyRule } from '../core/rule.js';
import { crossCheckResponse } from './cross-check.js';
import { createSchemaDiffEnv, diffSchemas, type RawDelta, type SchemaDiffEnv } from './diff-schemas.js';
import { listOperations, operationKey, templateOf, viewOperation, type OperationView, type ParameterView } from './operations.js';
import { asRecord, isRecord } from './refs.js';
import { typedSpecDelta } from './spec-deltas.js';
import { mediaTypeOf } from '../core/media-type.js';
import type { OpenApiDocument } from './types.js';

export interface OutOfScopeSummary {
  changes: number;
  operations: number;
  breaking: number;
  warning: number;
  info: number;
}

export interface SpecDiffResult {
  /** The judged findings in scope, breaking first: `endpoint` is the operation (`GET /v1/x`) or `*` for the document. */
  changes: Finding[];
  summary: SeverityCounts;
  /** Changes in operations outside the scope, summed up rather than listed. */
  outOfScope: OutOfScopeSummary;
  /** The scope asked for (operation keys), or undefined for everything. */
  scope?: string[];
  /** Scope entries found in neither document. */
  unknownOperations: string[];
  operations: { before: number; after: number };
  /** json-schema-diff cross-checks run / skipped (circular or too large schemas). */
  crossCheck: { ran: number; skipped: number };
}

export interface DiffSpecsOptions {
  /** Operation keys (`GET /v1/invoices/{id}`; parameter names do not matter) to judge; all when absent. */
  operations?: readonly string[];
  /** How findings are judged (connector name, overrides, usage, ignore entries); a plain spec diff by default. */
  judge?: Omit<ClassifyContext, 'rules'>;
  /** Turns the in-scope observations into the places the judge speaks of (a connector's endpoints); identity by default. */
  place?: (observations: readonly Observation[]) => Observation[];
  rules?: readonly AnyRule[];
  /** Run the json-schema-diff cross-check on changed responses (default true). */
  crossCheck?: boolean;
}

interface PendingDelta {
  delta: Delta;
  operation: string | null;
  /** Scope key (METHOD template) or null for document-wide. */
  scopeKey: string | null;
  /** Response location key, for the cross-check: which response's rules fired. */
  responseKey?: string;
}

const scopeKeyOf = (method: string, path: string): string => `${method.toUpperCase()} ${templateOf(path)}`;

/** `GET /v1/invoices/{id}` -> scope key `GET /v1/invoices/{}`; anything unparsable is returned as is. */
export function normalizeOperationKey(key: string): string {
  const [method, ...rest] = key.trim().split(/\s+/);
  return rest.length === 0 || !method ? key : scopeKeyOf(method, rest.join(' '));
}

/** What a spec diff saw, before judgement: observations in scope and outside it. */
export interface SpecDiffObserved {
  inScope: Observation[];
  outside: Observation[];
  outsideOperations: number;
  scope?: string[];
  unknownOperations: string[];
  operations: { before: number; after: number };
  crossCheck: { ran: number; skipped: number };
}

/** Spec vs spec, judged: one finding per change, in scope, breaking first. */
export async function diffSpecs(oldDoc: OpenApiDocument, newDoc: OpenApiDocument, options: DiffSpecsOptions = {}): Promise<SpecDiffResult> {
  const observed = await observeSpecDiff(oldDoc, newDoc, options);
  const rules = options.rules;
  const changes = classify(options.place ? options.place(observed.inScope) : observed.inScope, { connector: '', ...options.judge, ...(rules ? { rules } : {}) });
  const outsideFindings = classify(observed.outside, { connector: '', ...(rules ? { rules } : {}) });
  return {
    changes,
    summary: summarize(changes),
    outOfScope: { changes: outsideFindings.length, operations: observed.outsideOperations, ...summarize(outsideFindings) },
    ...(observed.scope ? { scope: observed.scope } : {}),
    unknownOperations: observed.unknownOperations,
    operations: observed.operations,
    crossCheck: observed.crossCheck,
  };
}

/** Spec vs spec, observed: the typed deltas of every operation (scoped) and of the document, not yet judged. */
export async function observeSpecDiff(
  oldDoc: OpenApiDocument,
  newDoc: OpenApiDocument,
  options: Pick<DiffSpecsOptions, 'operations' | 'rules' | 'crossCheck'> = {},
): Promise<SpecDiffObserved> {
  const scope = options.operations ? new Set(options.operations.map(normalizeOperationKey)) : undefined;
  const oldOps = new Map(listOperations(oldDoc).map((op) => [scopeKeyOf(op.method, op.path), op]));
  const newOps = new Map(listOperations(newDoc).map((op) => [scopeKeyOf(op.method, op.path), op]));
  const newTemplates = new Set([...newOps.values()].map((op) => op.template));
  const responseEnv = createSchemaDiffEnv(oldDoc, newDoc, 'response');
  const requestEnv = createSchemaDiffEnv(oldDoc, newDoc, 'request');
  const pending: PendingDelta[] = [];
  const changedResponses: Array<{ key: string; scopeKey: string; operation: string; before: unknown; after: unknown }> = [];

  for (const [scopeKey, oldOp] of oldOps) {
    const newOp = newOps.get(scopeKey);
    if (!newOp) {
      const pathGone = !newTemplates.has(oldOp.template);
      pending.push({
        operation: oldOp.key,
        scopeKey,
        delta: {
          kind: pathGone ? 'path-removed' : 'operation-removed',
          location: 'operation',
          path: oldOp.key,
          before: oldOp.key,
          deprecated: oldOp.deprecated,
        },
      });
      continue;
    }
    const before = viewOperation(oldDoc, oldOp);
    const after = viewOperation(newDoc, newOp);
    const push = (delta: Delta | undefined, responseKey?: string): void => {
      if (delta === undefined) return;
      pending.push({ operation: newOp.key, scopeKey, delta, ...(responseKey ? { responseKey } : {}) });
    };
    diffParameters(requestEnv, before.parameters, after.parameters, push);
    diffRequestBody(requestEnv, before, after, push);
    diffResponses(responseEnv, before, after, push, (key, b, a) => changedResponses.push({ key, scopeKey, operation: newOp.key, before: b, after: a }));
    diffSecurity(before, after, push);
  }
  for (const delta of diffServers(oldDoc, newDoc)) pending.push({ operation: null, scopeKey: null, delta });
  for (const delta of diffSecuritySchemes(oldDoc, newDoc)) pending.push({ operation: null, scopeKey: null, delta });

  const inScope: Observation[] = [];
  const outside: Observation[] = [];
  const outsideOps = new Set<string>();
  const firedResponses = new Set<string>();
  const rules = options.rules;
  const fires = (observation: Observation): boolean => classify([observation], { connector: '', ...(rules ? { rules } : {}) }).length > 0;
  const place = (item: PendingDelta): void => {
    const observation: Observation = { source: 'spec-diff', endpoint: item.operation ?? '*', delta: item.delta };
    if (item.responseKey && fires(observation)) firedResponses.add(item.responseKey);
    if (scope === undefined || item.scopeKey === null || scope.has(item.scopeKey)) {
      inScope.push(observation);
    } else {
      outside.push(observation);
      outsideOps.add(item.scopeKey);
    }
  };
  for (const item of pending) place(item);

  // The set-based cross-check: a response that changed, where no rule fired, but the new schema accepts more.
  const crossCheck = { ran: 0, skipped: 0 };
  if (options.crossCheck !== false) {
    for (const response of changedResponses) {
      if (firedResponses.has(response.key)) continue;
      const verdict = await crossCheckResponse(oldDoc, newDoc, response.before, response.after);
      if (verdict.kind === 'skipped') {
        crossCheck.skipped++;
        continue;
      }
      crossCheck.ran++;
      if (!verdict.widened) continue;
      place({
        operation: response.operation,
        scopeKey: response.scopeKey,
        delta: { kind: 'schema-widened', location: 'response', path: `${response.key.split('\u0000')[1]} $`, operation: response.operation },
      });
    }
  }

  const unknownOperations = scope ? [...scope].filter((key) => !oldOps.has(key) && !newOps.has(key)) : [];
  return {
    inScope,
    outside,
    outsideOperations: outsideOps.size,
    ...(options.operations ? { scope: [...options.operations] } : {}),
    unknownOperations,
    operations: { before: oldOps.size, after: newOps.size },
    crossCheck,
  };
}

function diffParameters(env: SchemaDiffEnv, before: ParameterView[], after: ParameterView[], push: (d: Delta | undefined) => void): void {
  const key = (p: ParameterView): string => `${p.in}.${p.in === 'header' ? p.name.toLowerCase() : p.name}`;
  const oldByKey = new Map(before.map((p) => [key(p), p]));
  const newByKey = new Map(after.map((p) => [key(p), p]));
  // Path parameters are positional: a renamed `{id}` -> `{invoice_id}` is the same parameter.
  const oldPath = before.filter((p) => p.in === 'path');
  const newPath = after.filter((p) => p.in === 'path');
  for (const [k, p] of newByKey) {
    if (p.in === 'path') continue;
    const old = oldByKey.get(k);
    const where = `parameter ${k}`;
    if (!old) {
      if (p.required) push({ kind: 'parameter-added-required', location: 'request', path: where, after: 'required' });
      continue;
    }
    if (!old.required && p.required) push({ kind: 'parameter-became-required', location: 'request', path: where, before: 'optional', after: 'required' });
  }
  for (const [k, p] of oldByKey) {
    if (p.in === 'path') continue;
    const now = newByKey.get(k);
    const where = `parameter ${k}`;
    if (!now) {
      push({ kind: 'parameter-removed', location: 'request', path: where, before: p.required ? 'required' : 'optional' });
      continue;
    }
    for (const raw of diffSchemas(env, p.schema, now.schema)) push(toParameterDelta(raw, where));
  }
  oldPath.forEach((p, i) => {
    const now = newPath[i];
    if (now) for (const raw of diffSchemas(env, p.schema, now.schema)) push(toParameterDelta(raw, `parameter path.${now.name}`));
  });
}

function toParameterDelta(raw: RawDelta, where: string): Delta | undefined {
  const delta = typedSpecDelta(raw, 'request', where, 'parameter-');
  // A parameter is one value: `$` adds nothing a reader needs.
  if (delta !== undefined && raw.rel === '') delta.path = where;
  return delta;
}

function diffRequestBody(env: SchemaDiffEnv, before: OperationView, after: OperationView, push: (d: Delta | undefined) => void): void {
  const a = before.requestBody;
  const b = after.requestBody;
  if (!b) return;
  if (b.required && (!a || !a.required)) push({ kind: 'body-became-required', location: 'request', path: 'request body', before: a ? 'optional' : 'none', after: 'required' });
  if (!a) return;
  for (const [media, mediaAfter] of Object.entries(b.content)) {
    const match = Object.entries(a.content).find(([m]) => mediaTypeOf(m) === mediaTypeOf(media));
    if (!match) continue;
    for (const raw of diffSchemas(env, match[1].schema, mediaAfter.schema)) push(typedSpecDelta(raw, 'request', `request body ${media}`, 'body-'));
  }
}

function diffResponses(
  env: SchemaDiffEnv,
  before: OperationView,
  after: OperationView,
  push: (d: Delta | undefined, responseKey?: string) => void,
  changed: (key: string, before: unknown, after: unknown) => void,
): void {
  for (const [status, oldResponse] of Object.entries(before.responses)) {
    const newResponse = after.responses[status];
    if (!newResponse) {
      // Error responses come and go in documentation; only a success status a consumer reads has a rule today.
      if (/^2/.test(status)) push({ kind: 'success-status-removed', location: 'response', path: `response ${status}`, before: status });
      continue;
    }
    for (const [media, oldMedia] of Object.entries(oldResponse.content)) {
      const match = Object.entries(newResponse.content).find(([m]) => mediaTypeOf(m) === mediaTypeOf(media));
      if (!match) {
        push({
          kind: 'media-type-removed',
          location: 'response',
          path: `response ${status} ${media}`,
          before: media,
          after: Object.keys(newResponse.content),
        });
        continue;
      }
      const where = `response ${status} ${media}`;
      const responseKey = `${before.op.key}\u0000${where}`;
      const raws = diffSchemas(env, oldMedia.schema, match[1].schema);
      for (const raw of raws) push(typedSpecDelta(raw, 'response', where), responseKey);
      if (oldMedia.schema !== undefined && match[1].schema !== undefined && schemaTextChanged(env, oldMedia.schema, match[1].schema, raws)) {
        changed(responseKey, oldMedia.schema, match[1].schema);
      }
    }
  }
}

/**
 * Whether a response schema changed at all (beyond what the walker already turned into deltas): compares the two
 * schemas' resolved text to a bounded depth, so unchanged responses never pay for a json-schema-diff run.
 */
function schemaTextChanged(env: SchemaDiffEnv, before: unknown, after: unknown, raws: RawDelta[]): boolean {
  if (raws.length > 0) return true;
  return fingerprint(env.oldDoc, before, 0, new Set()) !== fingerprint(env.newDoc, after, 0, new Set());
}

const IGNORED_KEYS = new Set(['description', 'summary', 'example', 'examples', 'title', 'externalDocs', 'deprecated', 'x-github']);

function fingerprint(doc: OpenApiDocument, value: unknown, depth: number, stack: Set<string>): string {
  if (depth > 12) return '…';
  if (Array.isArray(value)) return `[${value.map((v) => fingerprint(doc, v, depth + 1, stack)).join(',')}]`;
  if (!isRecord(value)) return JSON.stringify(value) ?? 'undefined';
  if (typeof value.$ref === 'string') {
    if (stack.has(value.$ref)) return `@${value.$ref}`;
    stack.add(value.$ref);
    const target = asRecord(resolveTarget(doc, value.$ref));
    const text = target ? fingerprint(doc, target, depth + 1, stack) : value.$ref;
    stack.delete(value.$ref);
    return text;
  }
  const keys = Object.keys(value).filter((k) => !IGNORED_KEYS.has(k)).sort();
  return `{${keys.map((k) => `${k}:${fingerprint(doc, value[k], depth + 1, stack)}`).join(',')}}`;
}

function resolveTarget(doc: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const seg of ref.slice(2).split('/')) {
    const key = decodeURIComponent(seg).replace(/~1/g, '/').replace(/~0/g, '~');
    node = asRecord(node)?.[key];
  }
  return node;
}

function diffSecurity(before: OperationView, after: OperationView, push: (d: Delta | undefined) => void): void {
  const a = before.security ?? [];
  const b = after.security ?? [];
  const anonymousBefore = a.length === 0 || a.some((req) => Object.keys(req).length === 0);
  const anonymousAfter = b.length === 0 || b.some((req) => Object.keys(req).length === 0);
  const schemesBefore = new Map<string, Set<string>>();
  const schemesAfter = new Map<string, Set<string>>();
  for (const req of a) for (const [k, scopes] of Object.entries(req)) schemesBefore.set(k, new Set([...(schemesBefore.get(k) ?? []), ...scopes]));
  for (const req of b) for (const [k, scopes] of Object.entries(req)) schemesAfter.set(k, new Set([...(schemesAfter.get(k) ?? []), ...scopes]));
  // Anonymous access that still works breaks nobody; a consumer that authenticated before keeps a working option
  // only if one of the new alternatives uses schemes it already had.
  if (!anonymousAfter) {
    const stillSatisfied = b.some((req) => Object.keys(req).every((k) => schemesBefore.has(k)));
    if (anonymousBefore || !stillSatisfied) {
      for (const name of schemesAfter.keys()) {
        if (!schemesBefore.has(name) || anonymousBefore) {
          push({ kind: 'security-added', location: 'auth', path: `security ${name}`, after: name, ...(anonymousBefore ? { wasAnonymous: true } : {}) });
        }
      }
    }
  }
  for (const name of schemesBefore.keys()) {
    if (!schemesAfter.has(name)) push({ kind: 'security-removed', location: 'auth', path: `security ${name}`, before: name });
  }
  for (const [name, scopes] of schemesAfter) {
    const old = schemesBefore.get(name);
    if (!old) continue;
    const added = [...scopes].filter((s) => !old.has(s));
    if (added.length > 0) push({ kind: 'security-scope-added', location: 'auth', path: `security ${name}`, before: [...old], after: added });
  }
}

const SCHEME_FIELDS = ['type', 'in', 'name', 'scheme', 'bearerFormat', 'openIdConnectUrl', 'flow', 'authorizationUrl', 'tokenUrl'];

function securitySchemesOf(doc: OpenApiDocument): Record<string, unknown> {
  return asRecord(doc.securityDefinitions) ?? asRecord(asRecord(doc.components)?.securitySchemes) ?? {};
}

function diffSecuritySchemes(oldDoc: OpenApiDocument, newDoc: OpenApiDocument): Delta[] {
  const out: Delta[] = [];
  const before = securitySchemesOf(oldDoc);
  const after = securitySchemesOf(newDoc);
  for (const [name, raw] of Object.entries(before)) {
    const a = asRecord(raw);
    const b = asRecord(after[name]);
    if (!a || !b) continue;
    const pick = (s: Record<string, unknown>): Record<string, unknown> => {
      const out2: Record<string, unknown> = {};
      for (const f of SCHEME_FIELDS) if (s[f] !== undefined) out2[f] = s[f];
      const flows = asRecord(s.flows);
      if (flows) {
        for (const [flow, def] of Object.entries(flows)) {
          const d = asRecord(def);
          if (d) out2[`flows.${flow}`] = { authorizationUrl: d.authorizationUrl, tokenUrl: d.tokenUrl };
        }
      }
      return out2;
    };
    const pa = pick(a);
    const pb = pick(b);
    if (JSON.stringify(pa) !== JSON.stringify(pb)) {
      out.push({ kind: 'security-scheme-changed', location: 'auth', path: `securitySchemes.${name}`, before: asJsonValue(pa), after: asJsonValue(pb) });
    }
  }
  return out;
}

/** Server URLs of a document: OpenAPI 3 `servers`, Swagger 2.0 scheme + host + basePath. */
export function serverUrlsOf(doc: OpenApiDocument): string[] {
  if (typeof doc.swagger === 'string') {
    if (typeof doc.host !== 'string') return [];
    const schemes = Array.isArray(doc.schemes) && doc.schemes.length > 0 ? doc.schemes.map(String) : ['https'];
    return schemes.map((s) => `${s}://${doc.host as string}${typeof doc.basePath === 'string' ? doc.basePath : ''}`);
  }
  return Array.isArray(doc.servers) ? doc.servers.filter(isRecord).map((s) => String(s.url ?? '')).filter(Boolean) : [];
}

function diffServers(oldDoc: OpenApiDocument, newDoc: OpenApiDocument): Delta[] {
  const before = serverUrlsOf(oldDoc);
  const after = serverUrlsOf(newDoc);
  const trim = (u: string): string => u.replace(/\/+$/, '');
  const removed = before.filter((u) => !after.map(trim).includes(trim(u)));
  if (removed.length === 0 || after.length === 0) return [];
  return removed.map((url) => ({ kind: 'server-url-changed', location: 'operation' as const, path: 'servers', before: url, after: after.join(', ') }));
}

/** A plain JSON copy (security scheme fields are JSON already; this only says so to the type system). */
function asJsonValue(value: Record<string, unknown>): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

export { operationKey };
