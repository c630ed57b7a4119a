// Finds and parses <root>/contracts/*/connector.yaml; a broken file is reported as problems and skipped. Files
// unchanged since the last run are not parsed again (connector-cache.ts): the YAML parser loads only on a change.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConfigProblem, Connector } from '../core/model.js';
import { parseKey, readConnectorCache, writeConnectorCache, type CachedParse } from './connector-cache.js';
import { readCappedText } from './read-capped.js';
import { validateConnector } from './validate-connector.js';

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
  const cache = await readConnectorCache(root);
  const used = new Map<string, CachedParse>();
  let added = 0;
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
    const key = parseKey(entry.text);
    const hit = cache.get(key);
    if (hit) {
      // Validation always runs, with today's code; only a connector that passes skips the parse.
      const validated = validateConnector(hit.data, { file: entry.file, dir: entry.dir });
      if (validated.connector) {
        validated.connector.lines = { connector: hit.lines.connector, endpoints: { ...hit.lines.endpoints } };
        connectors.push(validated.connector);
        used.set(key, hit);
        continue;
      }
      // Its problems are worded again from the YAML, with their lines and columns.
    }
    const { parseConnectorYaml } = await import('./parse-connector-yaml.js');
    const parsed = parseConnectorYaml(entry.text, entry.file, entry.dir);
    problems.push(...parsed.problems);
    if (parsed.connector) connectors.push(parsed.connector);
    if (parsed.cacheable) {
      used.set(key, parsed.cacheable);
      added++;
    }
  }
  // A full load keeps only the entries of today's files; a load of one connector keeps the others' too.
  const keep = options?.only === undefined ? used : new Map([...cache, ...used]);
  if (added > 0 || keep.size !== cache.size) await writeConnectorCache(root, keep);
  return { connectors, problems };
}

/** contracts/<name>/connector.yaml -> <name>: the best name a broken file can give. */
export function connectorNameFromFile(file: string): string {
  const parts = file.split(/[\\/]/);
  const index = parts.lastIndexOf('contracts');
  return index >= 0 && parts[index + 1] ? parts[index + 1]! : '*';
}
