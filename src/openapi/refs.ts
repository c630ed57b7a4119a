// JSON pointers and internal $ref resolution over a parsed OpenAPI document, without mutating it.
import { isRecord } from '../core/is-record.js';

export type JsonRecord = Record<string, unknown>;
export { isRecord };

export function asRecord(value: unknown): JsonRecord | undefined {
  return isRecord(value) ? value : undefined;
}

/** RFC 6901 escaping of one segment. */
export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `#/a/b~1c` as a URI fragment: each segment escaped, then percent-encoded so `{id}` survives URI parsing. */
export function pointerFragment(segments: readonly string[]): string {
  return `#${segments.map((s) => `/${encodeURIComponent(escapePointerSegment(s))}`).join('')}`;
}

const segmentCache = new Map<string, string[]>();

/** Segments of an internal reference (`#/components/schemas/Foo`), or undefined for an external one (memoised). */
export function refSegments(ref: string): string[] | undefined {
  const hit = segmentCache.get(ref);
  if (hit !== undefined) return hit;
  const segments = parseRef(ref);
  if (segments !== undefined) {
    if (segmentCache.size > 50_000) segmentCache.clear();
    segmentCache.set(ref, segments);
  }
  return segments;
}

function parseRef(ref: string): string[] | undefined {
  if (!ref.startsWith('#')) return undefined;
  const body = ref.slice(1);
  if (body === '') return [];
  if (!body.startsWith('/')) return undefined;
  return body
    .slice(1)
    .split('/')
    .map((s) => safeDecode(s).replace(/~1/g, '/').replace(/~0/g, '~'));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function getAtPointer(doc: unknown, segments: readonly string[]): unknown {
  let node: unknown = doc;
  for (const segment of segments) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isRecord(node)) node = node[segment];
    else return undefined;
  }
  return node;
}

/** Follows `$ref` chains (internal only) to the object they name; at most 32 hops so a ref loop cannot hang. */
export function resolveRefs(doc: unknown, value: unknown): unknown {
  let node = value;
  for (let hops = 0; hops < 32; hops++) {
    if (!isRecord(node) || typeof node.$ref !== 'string') return node;
    const segments = refSegments(node.$ref);
    if (segments === undefined) return node;
    node = getAtPointer(doc, segments);
  }
  return node;
}

/** Like resolveRefs, also returning the pointer segments of where the value finally lives (when it came by $ref). */
export function resolveWithPointer(doc: unknown, value: unknown, pointer: string[]): { value: unknown; pointer: string[] } {
  let node = value;
  let at = pointer;
  for (let hops = 0; hops < 32; hops++) {
    if (!isRecord(node) || typeof node.$ref !== 'string') break;
    const segments = refSegments(node.$ref);
    if (segments === undefined) break;
    node = getAtPointer(doc, segments);
    at = segments;
  }
  return { value: node, pointer: at };
}
