// ajv's schema errors in words: "is required", "is not a known key (did you mean ...)", "must be one of ...".
import type { ErrorObject } from 'ajv';
import { isRecord } from '../core/is-record.js';
import { PATTERN_HINTS } from './connector-schema.js';
import type { HouseProblem } from './request-rules.js';
import type { PathSegment } from './validate-connector.js';

function pointerSegments(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Edit distance, for "did you mean" on unknown keys. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

function suggest(key: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(key, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

function typeWord(type: unknown): string {
  const words: Record<string, string> = {
    string: 'a string',
    integer: 'an integer',
    number: 'a number',
    boolean: 'true or false',
    object: 'a mapping (key: value)',
    array: 'a list',
    null: 'empty',
  };
  const types = Array.isArray(type) ? type : String(type).split(',');
  return types.map((t) => words[String(t)] ?? String(t)).join(' or ');
}

/** One ajv error in words a connector author reads, pointing at the value or (for unknown keys) the key. */
export function describeAjvError(error: ErrorObject): HouseProblem | undefined {
  const segments = pointerSegments(error.instancePath);
  const params = error.params as Record<string, unknown>;
  // The field a hint is written for: for `scopes[2]` that is `scopes`.
  const field = [...segments].reverse().find((s): s is string => typeof s === 'string');
  if (field === 'paginate' && segments[segments.length - 1] === 'paginate' && ['const', 'type', 'anyOf'].includes(error.keyword)) {
    return { segments, target: 'value', message: 'must be `link` or a mapping { cursor: <body path>, param: <query parameter> }' };
  }
  switch (error.keyword) {
    case 'required':
      // A missing property has no node of its own: point at the object that should hold it.
      return { segments: [...segments, String(params.missingProperty)], target: 'value', message: 'is required' };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = isRecord(error.parentSchema) && isRecord(error.parentSchema.properties) ? Object.keys(error.parentSchema.properties) : [];
      return { segments: [...segments, key], target: 'key', message: `is not a known key${suggest(key, known)}` };
    }
    case 'type':
      return { segments, target: 'value', message: `must be ${typeWord(params.type)}` };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => String(v)).join(' | ');
      return { segments, target: 'value', message: `must be one of ${allowed} (got ${JSON.stringify(error.data)})` };
    }
    case 'pattern':
      return {
        segments,
        target: 'value',
        message: (typeof field === 'string' ? PATTERN_HINTS[field] : undefined) ?? `must match ${String(params.pattern)}`,
      };
    case 'format': {
      const hints: Record<string, string> = {
        uri: 'must be an absolute URL',
        email: 'must be an email address',
        date: 'must be a date (YYYY-MM-DD)',
      };
      return { segments, target: 'value', message: hints[String(params.format)] ?? `must be a valid ${String(params.format)}` };
    }
    case 'minItems':
      return {
        segments,
        target: 'value',
        message: field === 'endpoints' ? 'must list at least one endpoint' : `must have at least ${String(params.limit)} item(s)`,
      };
    case 'minLength':
      return { segments, target: 'value', message: 'must not be empty' };
    case 'minimum':
      return { segments, target: 'value', message: `must be >= ${String(params.limit)}` };
    case 'maximum':
      return { segments, target: 'value', message: `must be <= ${String(params.limit)}` };
    case 'if':
      // ajv reports the failing `then` (e.g. a missing tokenEnv) separately; this one adds nothing.
      return undefined;
    default:
      return { segments, target: 'value', message: error.message ?? `is invalid (${error.keyword})` };
  }
}
