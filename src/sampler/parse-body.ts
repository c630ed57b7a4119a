// A response body -> JSON, or the failure it really is: not JSON, too complex to judge, or an outage dressed as a 200.
import { parseBodyPath, readBodyPath, type BodyPathSegment } from '../core/body-path.js';
import type { BodyLimits, FailureKind, HttpMethod, JsonValue } from '../core/model.js';
import { isJsonMediaType, mediaTypeOf } from '../core/media-type.js';
import { checkComplexity } from './complexity.js';
import type { Exchange } from './http-exchange.js';

export type Parsed = { ok: true; body: JsonValue } | { ok: false; kind: FailureKind; message: string };

export interface BodyRules {
  method: HttpMethod;
  expectStatus: number;
  limits: BodyLimits;
  errorEnvelope: readonly string[];
}

/** Answers that carry no body by definition: an empty one there is not an outage. */
const EMPTY_BY_DESIGN = new Set([204, 205, 304]);

const envelopeCache = new Map<string, BodyPathSegment[] | null>();

function envelopePath(text: string): BodyPathSegment[] | null {
  let segments = envelopeCache.get(text);
  if (segments === undefined) {
    const parsed = parseBodyPath(text);
    segments = parsed.ok ? parsed.segments : null;
    if (envelopeCache.size < 1000) envelopeCache.set(text, segments);
  }
  return segments;
}

/** A short, quoted hint of what the envelope says (its `code`, `type` or `message`), for the failure message. */
function envelopeHint(value: JsonValue): string {
  if (typeof value === 'string') return `: ${JSON.stringify(value.slice(0, 120))}`;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const parts = ['code', 'type', 'message']
      .map((key) => value[key])
      .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
      .map((v) => JSON.stringify(typeof v === 'string' ? v.slice(0, 120) : v));
    if (parts.length > 0) return `: ${parts.join(' ')}`;
  }
  return '';
}

/** An outage-shaped 2xx answer (RFC-less but common): empty, `null`, or wrapped in the vendor's error envelope. */
function outageShape(exchange: Exchange, body: JsonValue | undefined, rules: BodyRules): string | undefined {
  const { status } = exchange;
  if (status < 200 || status > 299 || EMPTY_BY_DESIGN.has(status)) return undefined;
  if (body === undefined) {
    if (rules.method === 'HEAD' || rules.method === 'OPTIONS') return undefined;
    return `the vendor answered ${status} with an empty body`;
  }
  if (body === null) return `the vendor answered ${status} with a literal null body`;
  for (const text of rules.errorEnvelope) {
    const segments = envelopePath(text);
    if (!segments) continue;
    const found = readBodyPath(body, segments);
    if (found === undefined || found === null || found === false || found === '') continue;
    return `the vendor answered ${status} with its error envelope (${text}${envelopeHint(found)})`;
  }
  return undefined;
}

export function parseBody(exchange: Exchange, rules: BodyRules): Parsed {
  if (exchange.bytes.length === 0) {
    const outage = outageShape(exchange, undefined, rules);
    return outage ? { ok: false, kind: 'vendor-error', message: outage } : { ok: true, body: null };
  }
  const media = mediaTypeOf(exchange.headers['content-type']);
  let text = exchange.bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let body: JsonValue;
  try {
    body = JSON.parse(text) as JsonValue;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    if (exchange.status !== rules.expectStatus) {
      return { ok: false, kind: 'http-status', message: `the vendor answered ${exchange.status} (expected ${rules.expectStatus}) with a body that is not JSON` };
    }
    if (media !== null && !isJsonMediaType(media)) {
      return { ok: false, kind: 'content-type', message: `content-type ${media} with a body that is not JSON` };
    }
    return { ok: false, kind: 'invalid-json', message: `the body is not valid JSON: ${why}` };
  }
  // JSON.parse is iterative; everything after it (redaction, inference, diff) recurses: bound the body first.
  const complexity = checkComplexity(body, rules.limits);
  if (!complexity.ok) return { ok: false, kind: 'too-complex', message: `${complexity.message}: not inferred` };
  const outage = outageShape(exchange, body, rules);
  if (outage) return { ok: false, kind: 'vendor-error', message: outage };
  return { ok: true, body };
}
