// Connector files as the YAML parser read them, kept per content hash in <root>/.driftwatch/connector-cache.json, so
// a run over unchanged files neither loads the parser nor parses (~0.2 s of a 20-connector CLI run). Only the parse is
// kept (plain data, and the source lines of a connector that validated): validation always runs with today's code.
// Best effort: an unreadable or corrupt cache is a miss, and it is written only into an existing store folder, so a
// read-only command on a project never scanned creates nothing. Connector files hold no secrets (a literal secret is
// a validation problem, and problems are never cached).
import { createHash } from 'node:crypto';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Connector } from '../core/model.js';
import { isRecord } from '../core/is-record.js';

/** Bumped when what is kept changes shape (or the YAML reading of a valid connector could differ). */
const CACHE_VERSION = 1;

export interface CachedParse {
  data: unknown;
  lines: NonNullable<Connector['lines']>;
}

export function connectorCacheFile(root: string): string {
  return join(root, '.driftwatch', 'connector-cache.json');
}

export function parseKey(text: string): string {
  return createHash('sha256').update(`${CACHE_VERSION}\u0000${text}`).digest('hex');
}

function isCachedParse(value: unknown): value is CachedParse {
  return isRecord(value) && isRecord(value.lines) && typeof value.lines.connector === 'number' && isRecord(value.lines.endpoints) && 'data' in value;
}

export async function readConnectorCache(root: string): Promise<Map<string, CachedParse>> {
  const entries = new Map<string, CachedParse>();
  try {
    const file: unknown = JSON.parse(await readFile(connectorCacheFile(root), 'utf8'));
    if (!isRecord(file) || file.version !== CACHE_VERSION || !isRecord(file.entries)) return entries;
    for (const [key, entry] of Object.entries(file.entries)) if (isCachedParse(entry)) entries.set(key, entry);
  } catch {
    // No cache yet, or one that cannot be read: every file is parsed.
  }
  return entries;
}

export async function writeConnectorCache(root: string, entries: ReadonlyMap<string, CachedParse>): Promise<void> {
  const file = connectorCacheFile(root);
  try {
    if (!(await stat(join(root, '.driftwatch'))).isDirectory()) return;
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify({ version: CACHE_VERSION, entries: Object.fromEntries(entries) }), 'utf8');
    await rename(temp, file);
  } catch {
    // No store folder, or a read-only one: the next run parses again.
  }
}
