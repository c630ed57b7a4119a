// Live response vs spec: status documented? content type documented? body valid (ajv, compiled once per response)?
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { childPath } from '../core/jsonpath.js';
import { mediaTypeOf } from '../core/media-type.js';
import { REDACTED } from '../core/redact.js';
import type { JsonValue } from '../core/model.js';
import { viewOperation, type MediaView, type OperationView } from './operations.js';
import { pointerFragment } from './refs.js';
import { convertDocument } from './to-json-schema.js';
import { specWork } from './spec-work.js';
import type { LoadedSpec, SpecOperation } from './types.js';

export interface BodyMismatch {
  /** JSONPath of the offending value with concrete indexes: `$.data[3].amount_due`. */
  at: string;
  /** The same path with every index as `[*]`: stable across samples, the drift's key. */
  path: string;
  /** The validator's reason, e.g. `must be integer`. */
  reason: string;
  keyword: string;
  /** What the spec states there: the type(s), the allowed values, the format (from the keyword's params). */
  expected?: unknown;
  /** The live value at `at` (undefined for a missing property). */
  actual?: unknown;
}

export type ResponseCheck =
  | { kind: 'status-undocumented'; status: number; documented: string[] }
  | { kind: 'content-type-undocumented'; status: string; contentType: string | null; documented: string[] }
  | { kind: 'checked'; status: string; media: string | null; mismatches: BodyMismatch[] };

export interface ResponseValidator {
  check(op: SpecOperation, status: number, contentType: string | null, body: JsonValue): ResponseCheck;
  /**
   * A webhook delivery vs the payload its `webhooks:` entry documents (the operation's JSON request body): the
   * mismatches, or undefined when the spec documents no JSON payload to hold it to.
   */
  checkPayload(op: SpecOperation, body: JsonValue): BodyMismatch[] | undefined;
  /** The operation view used (cached). */
  view(op: SpecOperation): OperationView;
}

const SPEC_ID = 'https://driftwatch.invalid/spec.json';
/** At most this many mismatches per response: one broken list item repeated 500 times is one story. */
const MAX_MISMATCHES = 20;


/** The documented status that covers `status`: exact, then `2XX`-style ranges, then `default`. */
function documentedStatus(responses: Record<string, unknown>, status: number): string | undefined {
  const code = String(status);
  if (code in responses) return code;
  const range = `${code[0]}XX`;
  for (const key of Object.keys(responses)) if (key.toUpperCase() === range) return key;
  return 'default' in responses ? 'default' : undefined;
}

/** The documented media type covering `media`: exact, then `type/*`, then `*\/*`. Parameters are ignored. */
function documentedMedia(content: Record<string, MediaView>, media: string | null): string | undefined {
  const keys = Object.keys(content);
  if (keys.length === 0) return undefined;
  if (media === null) return undefined;
  const normal = new Map(keys.map((k) => [mediaTypeOf(k) ?? k, k]));
  const exact = normal.get(media);
  if (exact !== undefined) return exact;
  const wildcard = normal.get(`${media.split('/')[0]}/*`);
  if (wildcard !== undefined) return wildcard;
  return normal.get('*/*');
}

function isJsonMedia(media: string | null): boolean {
  return media !== null && (media === 'application/json' || media.endsWith('+json') || media === '*/*' || media === 'application/*');
}

/** `/data/3/amount_due` -> [`$.data[3].amount_due`, `$.data[*].amount_due`]. */
export function jsonPathOf(instancePath: string, extraKey?: string): { at: string; path: string } {
  const segments = instancePath === '' ? [] : instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extraKey !== undefined) segments.push(extraKey);
  let at = '$';
  let path = '$';
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) {
      at += `[${segment}]`;
      path += '[*]';
    } else {
      at = childPath(at, segment);
      path = childPath(path, segment);
    }
  }
  return { at, path };
}

function describeError(error: ErrorObject, body: unknown): BodyMismatch {
  const params = error.params as Record<string, unknown>;
  const missing = error.keyword === 'required' && typeof params.missingProperty === 'string' ? params.missingProperty : undefined;
  const { at, path } = jsonPathOf(error.instancePath, missing);
  let reason = error.message ?? error.keyword;
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    reason = `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (missing !== undefined) {
    reason = 'is required but missing';
  }
  const expected = error.keyword === 'type' ? params.type : error.keyword === 'enum' ? params.allowedValues : error.keyword === 'format' ? params.format : error.keyword === 'const' ? [params.allowedValue] : undefined;
  const actual = missing === undefined ? valueAt(body, error.instancePath) : undefined;
  return { at, path, reason, keyword: error.keyword, ...(expected !== undefined ? { expected } : {}), ...(actual !== undefined ? { actual } : {}) };
}

/** Keeps the most useful errors: drops the anyOf/if summaries when a branch error says more, dedupes by path. */
function summarizeErrors(errors: readonly ErrorObject[], body: unknown): BodyMismatch[] {
  const detailed = errors.filter((e) => e.keyword !== 'if');
  const seen = new Set<string>();
  const out: BodyMismatch[] = [];
  // anyOf errors report every branch's failure; the anyOf line itself is what a person can act on.
  const anyOfPaths = detailed.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath);
  for (const error of detailed) {
    const underAnyOf = anyOfPaths.some((p) => error.keyword !== 'anyOf' && (error.instancePath === p || error.instancePath.startsWith(`${p}/`)) && error.schemaPath.includes('/anyOf/'));
    if (underAnyOf) continue;
    const mismatch = describeError(error, body);
    const key = `${mismatch.path}\u0000${mismatch.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(mismatch.keyword === 'anyOf' ? { ...mismatch, reason: 'matches none of the documented variants (oneOf/anyOf)' } : mismatch);
    if (out.length >= MAX_MISMATCHES) break;
  }
  return out;
}

/** Validators by spec version (content hash): a second scan of the same spec in this process compiles nothing. */
const byHash = new Map<string, ResponseValidator>();
const CACHED_VALIDATORS = 8;

/** Forgets the compiled validators (tests start cold with it). */
export function clearResponseValidators(): void {
  byHash.clear();
}

/** The response validator of a loaded spec, shared by every run of this process that meets the same spec version. */
export function responseValidatorFor(spec: LoadedSpec): ResponseValidator {
  if (spec.hash === undefined) return createResponseValidator(spec);
  let validator = byHash.get(spec.hash);
  if (!validator) {
    validator = createResponseValidator(spec);
    byHash.set(spec.hash, validator);
    while (byHash.size > CACHED_VALIDATORS) byHash.delete(byHash.keys().next().value as string);
  }
  return validator;
}

export function createResponseValidator(spec: LoadedSpec): ResponseValidator {
  // Compiled lazily, on the first response checked: a run whose samples all failed compiles nothing.
  let compiled: { ajv: Ajv; } | undefined;
  const ajvOf = (): Ajv => {
    if (compiled) return compiled.ajv;
    specWork.compiles++;
    const { document: converted, formats } = convertDocument(spec.document, spec.version);
    const options = { strict: false, allErrors: true, allowUnionTypes: true, validateSchema: false, logger: false, validateFormats: true, inlineRefs: false } as const;
    const ajv = spec.version === 'openapi-3.1' ? new Ajv2020(options) : new Ajv(options);
    // `fast` formats: the `full` URI pattern alone was 41 % of a validation profile; date-time, date, uuid, email and
    // uri are still judged (test/openapi/response-validator.test.ts), only less pedantically.
    addFormatsModule.default(ajv, { mode: 'fast' });
    for (const format of formats) if (!ajv.formats[format]) ajv.addFormat(format, true);
    ajv.addSchema(converted, SPEC_ID);
    compiled = { ajv };
    return ajv;
  };
  const views = new Map<string, OperationView>();
  const validators = new Map<string, ValidateFunction | null>();
  const viewOf = (op: SpecOperation): OperationView => {
    let v = views.get(op.key);
    if (!v) {
      v = viewOperation(spec.document, op);
      views.set(op.key, v);
    }
    return v;
  };
  const validatorFor = (key: string, media: MediaView): ValidateFunction | null => {
    let fn = validators.get(key);
    if (fn === undefined) {
      if (media.schema === undefined || media.pointer.length === 0) fn = null;
      else {
        specWork.compiles++;
        fn = ajvOf().compile({ $ref: `${SPEC_ID}${pointerFragment(media.pointer)}` });
      }
      validators.set(key, fn);
    }
    return fn;
  };

  return {
    view: viewOf,
    checkPayload(op, body) {
      const content = viewOf(op).requestBody?.content ?? {};
      const mediaKey = Object.keys(content).find((key) => isJsonMedia(mediaTypeOf(key)));
      if (mediaKey === undefined) return undefined;
      const fn = validatorFor(`${op.key}\u0000payload\u0000${mediaKey}`, content[mediaKey]!);
      if (fn === null) return undefined;
      if (fn(body)) return [];
      // A value redacted before anything was kept is no longer the vendor's: the spec cannot judge it.
      return summarizeErrors((fn.errors ?? []).filter((e) => valueAt(body, e.instancePath) !== REDACTED), body);
    },
    check(op, status, contentType, body) {
      const view = viewOf(op);
      const statusKey = documentedStatus(view.responses, status);
      if (statusKey === undefined) return { kind: 'status-undocumented', status, documented: Object.keys(view.responses) };
      const content = view.responses[statusKey]!.content;
      const media = mediaTypeOf(contentType);
      if (Object.keys(content).length === 0) {
        // The spec documents no body: nothing to hold the payload to.
        return { kind: 'checked', status: statusKey, media, mismatches: [] };
      }
      const mediaKey = documentedMedia(content, media);
      if (mediaKey === undefined) return { kind: 'content-type-undocumented', status: statusKey, contentType, documented: Object.keys(content) };
      if (!isJsonMedia(mediaTypeOf(mediaKey)) && !isJsonMedia(media)) return { kind: 'checked', status: statusKey, media, mismatches: [] };
      const fn = validatorFor(`${op.key}\u0000${statusKey}\u0000${mediaKey}`, content[mediaKey]!);
      if (fn === null || fn(body)) return { kind: 'checked', status: statusKey, media, mismatches: [] };
      // A value redacted before anything was kept is no longer the vendor's: the spec cannot judge it.
      const judged = (fn.errors ?? []).filter((e) => valueAt(body, e.instancePath) !== REDACTED);
      return { kind: 'checked', status: statusKey, media, mismatches: summarizeErrors(judged, body) };
    },
  };
}

/** The value at a JSON pointer (ajv's instancePath), or undefined when the path leads nowhere. */
function valueAt(body: unknown, pointer: string): unknown {
  if (pointer === '') return body;
  let node: unknown = body;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
