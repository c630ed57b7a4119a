// Finds and parses <root>/contracts/*/connector.yaml; a broken file is reported as problems and skipped.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { ConfigProblem, Connector } from '../core/model.js';
import { readCappedText } from './read-capped.js';
import { validateConnector, type Locate, type PathSegment } from './validate-connector.js';

export interface LoadResult {
  connectors: Connector[];
  problems: ConfigProblem[];
}

export const CONNECTOR_FILE = 'connector.yaml';

function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** Scans `<root>/contracts/<name>/connector.yaml` in name order; `only` loads a single connector. */
export async function loadConnectors(root: string, options?: { only?: string }): Promise<LoadResult> {
  const contractsDir = join(root, 'contracts');
  let names: string[];
  try {
    const entries = await readdir(contractsDir, { withFileTypes: true });
    names = entries
      // contracts/pacts holds the generated pact files (src/pact), not a connector.
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'pacts')
      .map((e) => e.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch (error) {
    const code = errnoCode(error);
    const message =
      code === 'ENOENT'
        ? 'no contracts/ folder: create contracts/<connector>/connector.yaml (driftwatch init scaffolds one)'
        : code === 'ENOTDIR'
          ? 'contracts is a file, not a folder'
          : `cannot read the contracts/ folder (${code ?? String(error)})`;
    return { connectors: [], problems: [{ file: contractsDir, message }] };
  }

  if (options?.only !== undefined) {
    if (!names.includes(options.only)) {
      const known = names.length > 0 ? ` (known: ${names.join(', ')})` : '';
      return { connectors: [], problems: [{ file: contractsDir, message: `connector "${options.only}" not found${known}` }] };
    }
    names = [options.only];
  }

  // Files are read in parallel (a project may have dozens of connectors), then parsed in name order.
  const texts = await Promise.all(
    names.map(async (name) => {
      const dir = join(contractsDir, name);
      const file = join(dir, CONNECTOR_FILE);
      try {
        const read = await readCappedText(file, 'connector files');
        return read.ok ? { dir, file, text: read.text } : { dir, file, refused: read.message };
      } catch (error) {
        return { dir, file, error };
      }
    }),
  );
  const connectors: Connector[] = [];
  const problems: ConfigProblem[] = [];
  for (const entry of texts) {
    if (entry.refused !== undefined) {
      problems.push({ file: entry.file, message: entry.refused });
      continue;
    }
    if (entry.text === undefined) {
      const code = errnoCode(entry.error);
      problems.push({
        file: entry.file,
        message: code === 'ENOENT' ? `is missing: every folder under contracts/ is a connector` : `cannot be read (${code ?? String(entry.error)})`,
      });
      continue;
    }
    const parsed = parseConnectorYaml(entry.text, entry.file, entry.dir);
    problems.push(...parsed.problems);
    if (parsed.connector) connectors.push(parsed.connector);
  }
  return { connectors, problems };
}

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

/** Parses one connector.yaml text; `dir` is the connector folder (its base name must equal `name`). */
export function parseConnectorYaml(text: string, file: string, dir: string): { connector?: Connector; problems: ConfigProblem[] } {
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
  if (validated.connector) validated.connector.lines = sourceLines(doc, locate);
  return validated;
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

/** contracts/<name>/connector.yaml -> <name>: the best name a broken file can give. */
export function connectorNameFromFile(file: string): string {
  const parts = file.split(/[\\/]/);
  const index = parts.lastIndexOf('contracts');
  return index >= 0 && parts[index + 1] ? parts[index + 1]! : '*';
}
