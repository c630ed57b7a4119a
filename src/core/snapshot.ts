// Snapshots: the accepted shape of an endpoint, built from samples, written diff-friendly and read back with problems as data.
// Over 300 lines: writing and reading back are one format; keeping them together keeps them in step.
import { mergeShapes, snapshotShape } from './baseline.js';
import { inferShape } from './infer.js';
import { pathSteps } from './jsonpath.js';
import { redactExample } from './redact.js';
import type { ConfigProblem, HttpMethod, JsonType, JsonValue, Sample, ShapeSchema, Snapshot } from './model.js';

export const SNAPSHOT_SCHEMA_URI = 'https://json-schema.org/draft/2020-12/schema';

const EXAMPLE_ARRAY_ITEMS = 3;

function trimExample(value: JsonValue): JsonValue {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.slice(0, EXAMPLE_ARRAY_ITEMS).map(trimExample);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimExample(v)]));
}

/**
 * One body per distinct `bodyHash` (samples without a hash are all kept). A byte-identical repeat adds no evidence,
 * and counting it would make every string of a single resource sampled three times look like a small closed value set.
 */
function distinctBodies(samples: readonly Sample[]): JsonValue[] {
  const seen = new Set<string>();
  const bodies: JsonValue[] = [];
  for (const sample of samples) {
    if (sample.bodyHash !== '') {
      if (seen.has(sample.bodyHash)) continue;
      seen.add(sample.bodyHash);
    }
    bodies.push(sample.body);
  }
  return bodies;
}

/**
 * The snapshot of one endpoint from its samples, merged with what was known before (`previous`: the last snapshot's
 * shape with the evidence learned since), so evidence accumulates across accepts. `reset` names the places of the
 * changes being accepted: there the old evidence gives way (a removed property goes, a retyped one keeps only its
 * presence counts). The caller passes samples that share status and content type (the last sample's are recorded).
 * `samples` records how many were taken; the shape counts distinct bodies. Calling it with no samples is a bug.
 */
export function buildSnapshot(input: {
  connector: string;
  endpoint: string;
  method: HttpMethod;
  path: string;
  samples: readonly Sample[];
  acceptedAt: string;
  previous?: ShapeSchema;
  reset?: ReadonlySet<string>;
  /** The last snapshot's example, kept while nothing changed: a re-accept should not churn the file in git. */
  previousExample?: JsonValue;
}): Snapshot {
  const { samples } = input;
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (first === undefined || last === undefined) throw new Error(`buildSnapshot(${input.connector}/${input.endpoint}): no samples`);
  return snapshotFromShape({
    ...input,
    fresh: inferShape(distinctBodies(samples), { values: 'all' }),
    status: last.status,
    contentType: last.contentType,
    samples: samples.length,
    example: input.previousExample !== undefined && (input.reset?.size ?? 0) === 0 ? input.previousExample : first.body,
  });
}

/**
 * The snapshot of a fresh shape (inferred from samples, or the shape of the webhook deliveries seen since the last
 * accept), merged with the previous evidence exactly as buildSnapshot does. `example` is redacted again here.
 */
export function snapshotFromShape(input: {
  connector: string;
  endpoint: string;
  method: HttpMethod;
  path: string;
  status: number;
  contentType: string | null;
  samples: number;
  acceptedAt: string;
  fresh: ShapeSchema;
  previous?: ShapeSchema;
  reset?: ReadonlySet<string>;
  example?: JsonValue;
}): Snapshot {
  const { fresh } = input;
  const shape = input.previous === undefined ? fresh : mergeShapes(settle(input.previous, fresh, input.reset ?? new Set()), fresh);
  return {
    connector: input.connector,
    endpoint: input.endpoint,
    request: { method: input.method, path: input.path },
    response: { status: input.status, contentType: input.contentType },
    samples: input.samples,
    acceptedAt: input.acceptedAt,
    schema: { $schema: SNAPSHOT_SCHEMA_URI, ...snapshotShape(shape) },
    // The sampler already redacted the body; a second, stricter pass guards the file that goes into git.
    ...(input.example !== undefined ? { example: trimExample(redactExample(input.example, [])) } : {}),
  };
}

/** The previous evidence with the accepted changes' places settled: gone where the fresh samples lack them, else presence only. */
function settle(previous: ShapeSchema, fresh: ShapeSchema, reset: ReadonlySet<string>): ShapeSchema {
  if (reset.size === 0) return previous;
  const copy = structuredClone(previous);
  for (const path of reset) {
    const steps = pathSteps(path);
    if (steps === undefined || steps.length === 0) continue;
    let node: ShapeSchema | undefined = copy;
    let freshNode: ShapeSchema | undefined = fresh;
    for (const step of steps.slice(0, -1)) {
      node = 'items' in step ? node?.items : node?.properties?.[step.key];
      freshNode = 'items' in step ? freshNode?.items : freshNode?.properties?.[step.key];
    }
    const lastStep = steps[steps.length - 1]!;
    if (node === undefined) continue;
    if ('items' in lastStep) {
      if (node.items !== undefined) node.items = { 'x-seen': node.items['x-seen'] ?? 0 };
      continue;
    }
    const props = node.properties;
    if (props === undefined || !Object.hasOwn(props, lastStep.key)) continue;
    const stillThere = freshNode?.properties !== undefined && Object.hasOwn(freshNode.properties, lastStep.key);
    if (!stillThere) delete props[lastStep.key];
    else props[lastStep.key] = { 'x-present': props[lastStep.key]!['x-present'] ?? 0 };
  }
  return copy;
}

/** JSON with keys sorted at every depth, 2-space indent and a trailing newline: stable, reviewable diffs in git. */
export function stableStringify(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  }, 2);
  return `${text ?? 'null'}\n`;
}

// ---------------------------------------------------------------------------------------------
// Reading a snapshot file back: anything malformed is a ConfigProblem naming the file and where.

const METHODS: readonly HttpMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const JSON_TYPES: readonly JsonType[] = ['object', 'array', 'string', 'integer', 'number', 'boolean', 'null'];

type Problem = { at: string; message: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function isStringArray(v: unknown): boolean {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function checkShape(node: unknown, at: string): Problem | null {
  if (!isRecord(node)) return { at, message: 'must be an object (a JSON Schema node)' };
  const type = node.type;
  if (type !== undefined) {
    const list = Array.isArray(type) ? type : [type];
    if (list.length === 0 || !list.every((t) => JSON_TYPES.includes(t as JsonType))) {
      return { at: `${at}.type`, message: `must be one of ${JSON_TYPES.join(', ')}, or a list of them` };
    }
  }
  if (node.format !== undefined && typeof node.format !== 'string') return { at: `${at}.format`, message: 'must be a string' };
  for (const key of ['x-seen', 'x-present', 'x-nulls'] as const) {
    if (node[key] !== undefined && !isCount(node[key])) return { at: `${at}.${key}`, message: 'must be a non-negative integer' };
  }
  for (const key of ['required', 'x-values'] as const) {
    if (node[key] !== undefined && !isStringArray(node[key])) return { at: `${at}.${key}`, message: 'must be a list of strings' };
  }
  if (node.properties !== undefined) {
    if (!isRecord(node.properties)) return { at: `${at}.properties`, message: 'must be an object' };
    for (const [key, child] of Object.entries(node.properties)) {
      const problem = checkShape(child, `${at}.properties.${key}`);
      if (problem) return problem;
    }
  }
  if (node.additionalProperties !== undefined) {
    const problem = checkShape(node.additionalProperties, `${at}.additionalProperties`);
    if (problem) return problem;
  }
  if (node.items !== undefined) return checkShape(node.items, `${at}.items`);
  return null;
}

function checkSnapshot(v: unknown): Problem | null {
  if (!isRecord(v)) return { at: '', message: 'a snapshot must be a JSON object' };
  for (const key of ['connector', 'endpoint', 'acceptedAt'] as const) {
    if (typeof v[key] !== 'string' || v[key] === '') return { at: key, message: 'must be a non-empty string' };
  }
  const request = v.request;
  if (!isRecord(request)) return { at: 'request', message: 'must be an object with method and path' };
  if (!METHODS.includes(request.method as HttpMethod)) return { at: 'request.method', message: `must be one of ${METHODS.join(', ')}` };
  if (typeof request.path !== 'string') return { at: 'request.path', message: 'must be a string' };
  const response = v.response;
  if (!isRecord(response)) return { at: 'response', message: 'must be an object with status and contentType' };
  const status = response.status;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    return { at: 'response.status', message: 'must be an HTTP status code (100-599)' };
  }
  if (response.contentType !== null && typeof response.contentType !== 'string') {
    return { at: 'response.contentType', message: 'must be a string or null' };
  }
  if (!isCount(v.samples)) return { at: 'samples', message: 'must be a non-negative integer' };
  return checkShape(v.schema, 'schema');
}

/** Line and column (1-based) of a character offset. */
function lineColOf(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

/**
 * Offset of the first syntax error in `text` (text.length when it ends early). Only runs after JSON.parse failed,
 * because V8's messages give a position for some errors ("in JSON at position 7") but not for others.
 */
function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (at: number): never => {
    throw at;
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const literal = (word: string): void => {
    for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) fail(i);
  };
  const str = (): void => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail(i);
      i += c === 92 ? 2 : 1;
    }
    fail(text.length);
  };
  const num = (): void => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail(i);
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(i);
        str();
        ws();
        if (text[i] !== ':') fail(i);
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail(i);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail(i);
      }
    }
    if (c === '"') return str();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return num();
    fail(i);
  };
  try {
    value();
    ws();
    return i;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, text.length) : 0;
  }
}

/** Parses a snapshot file's text; a malformed or invalid file gives a problem naming the file and where. */
export function parseSnapshot(text: string, file: string): { snapshot?: Snapshot; problem?: ConfigProblem } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const { line, col } = lineColOf(text, jsonErrorOffset(text));
    return { problem: { file, line, col, message: `not valid JSON: ${message}` } };
  }
  const problem = checkSnapshot(value);
  if (problem) return { problem: { file, ...(problem.at ? { at: problem.at } : {}), message: problem.message } };
  return { snapshot: value as Snapshot };
}

