// Spec drift on schedule: a connector whose spec is a URL keeps a pinned copy beside it; scans diff the live
// document against it, and `accept` re-pins.
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import type { Connector } from '../core/model.js';
import { stableStringify } from '../core/snapshot.js';
import { DriftwatchError } from '../errors.js';
import { isSpecUrl, loadSpec, parseSpecText } from './load-spec.js';
import { confinementFor } from './spec-confine.js';
import type { OpenApiDocument } from './types.js';

const PINNED_SPEC_FILE = 'openapi.pinned.json';

export function pinnedSpecPath(connector: Pick<Connector, 'dir'>): string {
  return join(connector.dir, PINNED_SPEC_FILE);
}

export type PinnedSpec = { kind: 'missing' } | { kind: 'invalid'; message: string } | { kind: 'ok'; document: OpenApiDocument; file: string };

/** Pinned copies read by this process, by file: kept while the file's size, time and inode stay the same (`watch`). */
const pinnedRead = new Map<string, { key: string; pinned: PinnedSpec }>();

export async function readPinnedSpec(connector: Pick<Connector, 'dir'>): Promise<PinnedSpec> {
  const file = pinnedSpecPath(connector);
  let key: string;
  try {
    const st = await stat(file);
    key = `${st.size}\u0000${st.mtimeMs}\u0000${st.ino}`;
  } catch {
    return { kind: 'missing' };
  }
  const known = pinnedRead.get(file);
  if (known?.key === key) return known.pinned;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { kind: 'missing' };
  }
  const parsed = parseSpecText(text, file);
  const pinned: PinnedSpec = parsed.ok ? { kind: 'ok', document: parsed.document, file } : { kind: 'invalid', message: parsed.problem.message };
  pinnedRead.set(file, { key, pinned });
  if (pinnedRead.size > 64) pinnedRead.delete(pinnedRead.keys().next().value as string);
  return pinned;
}

export interface AcceptSpecOptions {
  dispatcher?: Dispatcher;
  /** Skip swagger-parser validation (default: validate). */
  validate?: boolean;
}

export function specCacheDir(root: string): string {
  return join(root, '.driftwatch', 'spec-cache');
}

/**
 * Fetches the connector's spec URL now and writes it as the pinned copy (`contracts/<name>/openapi.pinned.json`,
 * stable key order so the review diff is readable). A connector whose spec is a file has nothing to pin: the file
 * itself is versioned. Throws SPEC_INVALID when the document cannot be fetched or is not a valid spec.
 */
export async function acceptSpec(root: string, connector: Connector, opts: AcceptSpecOptions = {}): Promise<void> {
  if (!connector.spec || !isSpecUrl(connector.spec)) return;
  const loaded = await loadSpec(connector.spec, {
    baseDir: connector.dir,
    cacheDir: specCacheDir(root),
    confine: confinementFor(root, connector),
    validate: opts.validate ?? true,
    ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
  });
  if (!loaded.ok) throw new DriftwatchError('SPEC_INVALID', `${connector.name}: ${loaded.problem.file}: ${loaded.problem.message}`);
  if (loaded.spec.stale) throw new DriftwatchError('SPEC_INVALID', `${connector.name}: ${connector.spec} could not be fetched; not pinning a stale copy`);
  const file = pinnedSpecPath(connector);
  await mkdir(connector.dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, stableStringify(loaded.spec.document), 'utf8');
  await rename(tmp, file);
}
