// Body paths in connector files (`$.error`, `meta.next_cursor`, `$.data[-1].id`): parsed once, read without recursion.
import type { JsonValue } from './model.js';

export type BodyPathSegment = { key: string } | { index: number };

const NAME = /^[A-Za-z_$][A-Za-z0-9_$-]*/;

/**
 * Parses a dotted path with optional `$` root: `.name`, `['any name']` and `[n]` (negative counts from the end).
 * Returns a message instead of segments when the text is not such a path.
 */
export function parseBodyPath(text: string): { ok: true; segments: BodyPathSegment[] } | { ok: false; message: string } {
  let rest = text.trim();
  if (rest.startsWith('$')) rest = rest.slice(1);
  else if (rest !== '' && !rest.startsWith('.') && !rest.startsWith('[')) rest = `.${rest}`;
  const segments: BodyPathSegment[] = [];
  while (rest !== '') {
    if (rest.startsWith('.')) {
      const name = NAME.exec(rest.slice(1));
      if (!name) return { ok: false, message: `"${text}" is not a body path: expected a name after "."` };
      segments.push({ key: name[0] });
      rest = rest.slice(1 + name[0].length);
      continue;
    }
    const index = /^\[(-?\d+)\]/.exec(rest);
    if (index) {
      segments.push({ index: Number(index[1]) });
      rest = rest.slice(index[0].length);
      continue;
    }
    const quoted = /^\['((?:[^'\\]|\\.)*)'\]/.exec(rest);
    if (quoted) {
      segments.push({ key: quoted[1]!.replace(/\\(.)/g, '$1') });
      rest = rest.slice(quoted[0].length);
      continue;
    }
    return { ok: false, message: `"${text}" is not a body path (use $.name, $.list[0], $.list[-1] or $['odd name'])` };
  }
  if (segments.length === 0) return { ok: false, message: `"${text}" names the whole body: point at a member such as $.error` };
  return { ok: true, segments };
}

/** The value at `segments`, or undefined when any step is missing. */
export function readBodyPath(body: JsonValue, segments: readonly BodyPathSegment[]): JsonValue | undefined {
  let node: JsonValue | undefined = body;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    if ('index' in segment) {
      if (!Array.isArray(node)) return undefined;
      const at: number = segment.index < 0 ? node.length + segment.index : segment.index;
      node = node[at];
    } else {
      if (Array.isArray(node) || !Object.prototype.hasOwnProperty.call(node, segment.key)) return undefined;
      node = node[segment.key];
    }
  }
  return node;
}
