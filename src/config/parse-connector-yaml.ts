// Parses one connector.yaml text with the YAML parser: data, problems pointing at lines and columns, and the source
// lines outputs point into. Loaded only when a connector file changed (load-connectors.ts keeps unchanged parses).
import { isDeepStrictEqual } from 'node:util';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { ConfigProblem, Connector } from '../core/model.js';
import type { CachedParse } from './connector-cache.js';
import { validateConnector, type Locate, type PathSegment } from './validate-connector.js';

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

/** Maps document paths to line/col, falling back to the nearest ancestor that exists. */
function locator(doc: Document, lines: LineCounter): Locate {
  const position = (node: Node | null | undefined): { line: number; col: number } | undefined =>
    node?.range ? lines.linePos(node.range[0]) : undefined;

  return (segments: readonly PathSegment[], target: 'value' | 'key') => {
    let node: unknown = doc.contents;
    let best = position(doc.contents as Node | null);
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]!;
      if (isAlias(node)) node = node.resolve(doc);
      const last = i === segments.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => keyText(p.key) === String(seg));
        if (!pair) return best;
        if (last && target === 'key') return position(pair.key as Node) ?? best;
        // `key:` with no value has a null node: the key is the best place to point at.
        best = position(pair.value as Node | null) ?? position(pair.key as Node) ?? best;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(seg)];
        if (item === undefined) return best;
        best = position(item as Node) ?? best;
        node = item;
      } else {
        return best;
      }
    }
    return best;
  };
}

/**
 * Parses one connector.yaml text; `dir` is the connector folder (its base name must equal `name`). `cacheable` is
 * what a later run may reuse instead of parsing: present for a valid connector whose data survives JSON unchanged.
 */
export function parseConnectorYaml(text: string, file: string, dir: string): { connector?: Connector; problems: ConfigProblem[]; cacheable?: CachedParse } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((error) => {
        const pos = lines.linePos(error.pos[0]);
        return { file, line: pos.line, col: pos.col, message: `YAML syntax error: ${error.message.split('\n')[0]}` };
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { problems: [{ file, message: `YAML could not be read: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const locate = locator(doc, lines);
  const validated = validateConnector(data, { file, dir, locate });
  if (!validated.connector) return validated;
  const source = sourceLines(doc, locate);
  validated.connector.lines = source;
  // JSON keeps the cache; a value it would change (.inf, -0) is parsed every time instead.
  const json = JSON.stringify({ data, lines: source });
  const cacheable = JSON.parse(json) as CachedParse;
  return isDeepStrictEqual(cacheable.data, data) ? { ...validated, cacheable } : validated;
}

/** The line of the connector's `name:` and of each endpoint item (by its `id`), for outputs that point into the file. */
function sourceLines(doc: Document, locate: Locate): NonNullable<Connector['lines']> {
  const endpoints: Record<string, number> = {};
  const list = doc.get('endpoints', true);
  if (isSeq(list)) {
    list.items.forEach((item, i) => {
      const id = isMap(item) ? item.get('id') : undefined;
      const at = locate(['endpoints', i], 'value');
      if (typeof id === 'string' && at) endpoints[id] = at.line;
    });
  }
  return { connector: locate(['name'], 'key')?.line ?? 1, endpoints };
}

