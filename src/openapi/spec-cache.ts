// The spec cache, keyed by the content hash of a spec version: its structural verdict and, when loading changed the
// document (Swagger 2.0 converted, external files bundled), the prepared document. In memory for the life of the
// process (`watch` pays once per version), on disk under the store folder for CLI runs. Entries are named by hash
// and hold no location: no URL, no token, nothing secret.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConfigProblem } from '../core/model.js';
import { isRecord } from './refs.js';
import type { OpenApiDocument, SpecVersion } from './types.js';

export interface PreparedEntry {
  version: SpecVersion;
  convertedFrom?: 'swagger-2.0';
  /** True once the structure was checked and found valid. */
  validated: boolean;
  /** The structural problem (its message, line and column; the file is the caller's). */
  problem?: Omit<ConfigProblem, 'file'>;
  /** The prepared document, when it differs from what the text parses to. */
  document?: OpenApiDocument;
}

const FORMAT = 1;
/** Specs kept in memory: a few versions of each of a handful of vendors. */
const MEMORY_ENTRIES = 16;

const memory = new Map<string, { entry: PreparedEntry; document: OpenApiDocument }>();

export function contentHash(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The document and verdict of a spec version this process already prepared. */
export function fromMemory(hash: string): { entry: PreparedEntry; document: OpenApiDocument } | undefined {
  const hit = memory.get(hash);
  if (hit) {
    // Most recently used last, so the oldest is evicted first.
    memory.delete(hash);
    memory.set(hash, hit);
  }
  return hit;
}

export function toMemory(hash: string, entry: PreparedEntry, document: OpenApiDocument): void {
  memory.set(hash, { entry, document });
  while (memory.size > MEMORY_ENTRIES) memory.delete(memory.keys().next().value as string);
}

/** Forgets every spec prepared in this process (tests start cold with it). */
export function clearSpecMemory(): void {
  memory.clear();
}

const fileOf = (cacheDir: string, hash: string): string => join(cacheDir, `prepared-${hash.slice(0, 40)}.json`);

export async function readPrepared(cacheDir: string | undefined, hash: string): Promise<PreparedEntry | undefined> {
  if (cacheDir === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(await readFile(fileOf(cacheDir, hash), 'utf8'));
    if (!isRecord(value) || value.format !== FORMAT || value.hash !== hash || typeof value.version !== 'string') return undefined;
    return value.entry as PreparedEntry;
  } catch {
    return undefined;
  }
}

/** Written atomically (temp file, then rename): a reader sees the old entry or the new one, never half. */
export async function writePrepared(cacheDir: string | undefined, hash: string, entry: PreparedEntry): Promise<void> {
  if (cacheDir === undefined) return;
  const file = fileOf(cacheDir, hash);
  try {
    await mkdir(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ format: FORMAT, hash, version: entry.version, entry }), 'utf8');
    await rename(tmp, file);
  } catch {
    // A cache that cannot be written costs time, not correctness.
  }
}
