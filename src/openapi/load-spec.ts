// Spec loading: a file (relative to the connector folder) or a URL (undici, cached with ETag/Last-Modified), confined
// to where specs may come from, parsed, bundled, validated and converted once per spec version (content hash, see
// spec-cache.ts); problems come back as data naming the file, the location and the fault.
// Over 300 lines: one loading pipeline with its problem wording; each step's IO is at its place in the order.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dispatcher } from 'undici';
import { parseDocument } from 'yaml';
import type { ConfigProblem } from '../core/model.js';
import { convertToOpenApi3 } from './convert-swagger.js';
import { specVersionOf } from './operations.js';
import { isRecord } from './refs.js';
import { contentHash, fromMemory, readPrepared, toMemory, writePrepared, type PreparedEntry } from './spec-cache.js';
import { checkSpecFile, checkSpecUrl, type SpecConfinement } from './spec-confine.js';
import { specWork } from './spec-work.js';
import type { LoadedSpec, OpenApiDocument, SpecVersion } from './types.js';
import { validateStructure } from './validate-structure.js';

export type SpecLoadResult = { ok: true; spec: LoadedSpec } | { ok: false; problem: ConfigProblem };

export interface LoadSpecOptions {
  /** Folder a relative file path is resolved against (the connector's folder). */
  baseDir: string;
  /** The spec cache (`<root>/.driftwatch/spec-cache`): fetched URLs and prepared spec versions; none when absent. */
  cacheDir?: string;
  dispatcher?: Dispatcher;
  /** Structural validation against the OpenAPI JSON Schemas (default true); cached per spec version. */
  validate?: boolean;
  /** Default 30 s. */
  timeoutMs?: number;
  /**
   * Where the spec and its `$ref`s may come from. The spec's own location is always checked against it unless
   * `trustLocation` (a path or URL a person typed on the command line); its `$ref`s always are.
   */
  confine?: SpecConfinement;
  trustLocation?: boolean;
  /**
   * Return before a new spec version's structural check ends: `spec.validation` settles with its verdict. A diff
   * starts on the documents while the check runs beside it, and reports a broken spec instead of its result.
   */
  deferValidation?: boolean;
}

export function isSpecUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/** Absolute file path of a spec location, or the URL itself. */
export function specLocation(location: string, baseDir: string): string {
  if (isSpecUrl(location)) return location;
  return isAbsolute(location) ? location : resolve(baseDir, location);
}

/** A URL as it may be shown or kept: scheme, host and path; the query (where tokens hide) is dropped. */
function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return url.replace(/\?.*$/, '?…');
  }
}

export async function loadSpec(location: string, options: LoadSpecOptions): Promise<SpecLoadResult> {
  const source = specLocation(location, options.baseDir);
  const shown = isSpecUrl(source) ? shownUrl(source) : source;
  if (options.confine && !options.trustLocation) {
    const refused = isSpecUrl(source) ? await checkSpecUrl(source, options.confine) : await checkSpecFile(source, options.confine);
    if (refused !== null) return { ok: false, problem: { file: shown, message: `spec refused: ${refused}` } };
  }
  let text: string;
  let bytes: Buffer | undefined;
  let stale = false;
  if (isSpecUrl(source)) {
    const fetched = await fetchSpecText(source, options);
    if (!fetched.ok) return { ok: false, problem: { file: shown, message: fetched.message } };
    text = fetched.text;
    stale = fetched.stale;
  } else {
    // A file this process already prepared and that has not changed since (same size, time and inode) costs one stat.
    const seen = await unchangedFile(source);
    if (seen) {
      const known = fromMemory(seen.hash);
      if (known && (known.entry.validated || options.validate === false)) return { ok: true, spec: loaded(source, known.entry, known.document, seen.hash) };
    }
    try {
      // Read as bytes: the content hash is taken over them (encoding a 13 MB string again would cost more).
      bytes = await readFile(source);
      text = bytes.toString('utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { ok: false, problem: { file: source, message: code === 'ENOENT' ? 'spec file not found' : `cannot read spec: ${String(error)}` } };
    }
  }
  const result = await prepareSpecText(text, source, options, bytes);
  if (!result.ok) return result;
  if (stale) result.spec.stale = true;
  if (bytes && result.spec.hash) await rememberFile(source, result.spec.hash);
  return result;
}

/** Files prepared in this process: (size, mtime, inode) -> content hash, so `watch` does not even re-read them. */
const fileHashes = new Map<string, { key: string; hash: string }>();

async function statKey(path: string): Promise<string | undefined> {
  try {
    const st = await stat(path);
    return `${st.size}\u0000${st.mtimeMs}\u0000${st.ino}`;
  } catch {
    return undefined;
  }
}

async function unchangedFile(path: string): Promise<{ hash: string } | undefined> {
  const known = fileHashes.get(path);
  if (!known) return undefined;
  return (await statKey(path)) === known.key ? { hash: known.hash } : undefined;
}

async function rememberFile(path: string, hash: string): Promise<void> {
  const key = await statKey(path);
  if (key === undefined) return;
  fileHashes.set(path, { key, hash });
  if (fileHashes.size > 256) fileHashes.delete(fileHashes.keys().next().value as string);
}

/**
 * Text -> prepared spec, once per spec version: the content hash finds this process's copy, then the store's; only a
 * new version is parsed, bundled, validated and converted (and remembered for the next run).
 */
async function prepareSpecText(
  text: string,
  source: string,
  options: Pick<LoadSpecOptions, 'cacheDir' | 'validate' | 'confine' | 'dispatcher' | 'timeoutMs' | 'deferValidation'>,
  bytes?: Buffer,
): Promise<SpecLoadResult> {
  const validate = options.validate ?? true;
  const shown = isSpecUrl(source) ? shownUrl(source) : source;
  const hash = contentHash(bytes ?? text);
  const known = fromMemory(hash) ?? (await fromDisk(options.cacheDir, hash, text, shown));
  if (known && (known.entry.validated || known.entry.problem || !validate)) {
    if (known.entry.problem && validate) return { ok: false, problem: { file: shown, ...known.entry.problem } };
    // External files may have changed under an unchanged main file: those specs are prepared every time.
    return { ok: true, spec: loaded(source, known.entry, known.document, hash) };
  }
  const parsed = parseSpecText(text, shown);
  if (!parsed.ok) return parsed;
  const prepared = await prepareSpec(parsed.document, source, validate, {
    text,
    defer: options.deferValidation === true,
    ...(options.confine ? { confine: options.confine } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
  });
  const remember = async (problem: ConfigProblem | undefined, version: SpecVersion | undefined, spec?: LoadedSpec): Promise<void> => {
    if (problem) {
      await writePrepared(options.cacheDir, hash, { version: version ?? 'openapi-3.0', validated: false, problem: omitFile(problem) });
    } else if (spec) {
      const entry: PreparedEntry = { version: spec.version, validated: validate, ...(spec.convertedFrom ? { convertedFrom: spec.convertedFrom, document: spec.document } : {}) };
      toMemory(hash, entry, spec.document);
      await writePrepared(options.cacheDir, hash, entry);
    }
  };
  if (!prepared.ok) {
    if (prepared.cacheable && validate) await remember(prepared.problem, prepared.version);
    return { ok: false, problem: prepared.problem };
  }
  const spec = prepared.spec;
  spec.hash = hash;
  if (prepared.external) return { ok: true, spec };
  if (spec.validation) {
    // Remembered once the verdict is in (a broken version is remembered as broken).
    spec.validation = spec.validation.then(async (problem) => {
      await remember(problem, prepared.sourceVersion, problem ? undefined : spec);
      return problem;
    });
  } else {
    await remember(undefined, spec.version, spec);
  }
  return { ok: true, spec };
}

function omitFile(problem: ConfigProblem): Omit<ConfigProblem, 'file'> {
  const { file: _file, ...rest } = problem;
  return rest;
}

function loaded(source: string, entry: PreparedEntry, document: OpenApiDocument, hash: string): LoadedSpec {
  return { source, version: entry.version, document, hash, ...(entry.convertedFrom ? { convertedFrom: entry.convertedFrom } : {}) };
}

/** A prepared entry from the store, with its document (the stored one, or the text parsed again). */
async function fromDisk(cacheDir: string | undefined, hash: string, text: string, shown: string): Promise<{ entry: PreparedEntry; document: OpenApiDocument } | undefined> {
  const entry = await readPrepared(cacheDir, hash);
  if (!entry) return undefined;
  let document = entry.document;
  if (document === undefined) {
    const parsed = parseSpecText(text, shown);
    if (!parsed.ok) return undefined;
    document = parsed.document;
  }
  if (entry.validated) toMemory(hash, entry, document);
  return { entry, document };
}

/** YAML or JSON text -> document; a syntax error names its line and column. */
export function parseSpecText(text: string, file: string): { ok: true; document: OpenApiDocument } | { ok: false; problem: ConfigProblem } {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(text);
      if (isRecord(value)) return { ok: true, document: value };
    } catch {
      // fall through to YAML, which also reads JSON and reports positions
    }
  }
  const doc = parseDocument(text, { uniqueKeys: false });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    return { ok: false, problem: { file, ...(pos ? { line: pos.line, col: pos.col } : {}), message: `not valid YAML/JSON: ${error.message.split('\n')[0]}` } };
  }
  const value: unknown = doc.toJS({ maxAliasCount: 10_000 });
  if (!isRecord(value)) return { ok: false, problem: { file, message: 'not an OpenAPI document (expected a mapping at the top)' } };
  return { ok: true, document: value };
}

/** Whether a document has any external `$ref` (no pointers built: most documents have none). */
function hasExternalRefs(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const item of node) if (typeof item === 'object' && item !== null) stack.push(item);
    } else if (isRecord(node)) {
      const ref = node.$ref;
      if (typeof ref === 'string' && ref[0] !== '#') return true;
      for (const key in node) {
        const v = node[key];
        if (typeof v === 'object' && v !== null) stack.push(v);
      }
    }
  }
  return false;
}

/** Every external `$ref` string of a document (`./schemas.yaml#/Pet`, `https://...`), with where it sits. */
function externalRefs(value: unknown): Array<{ ref: string; pointer: string }> {
  if (!hasExternalRefs(value)) return [];
  const out: Array<{ ref: string; pointer: string }> = [];
  const stack: Array<{ node: unknown; pointer: string }> = [{ node: value, pointer: '' }];
  while (stack.length > 0) {
    const { node, pointer } = stack.pop()!;
    if (Array.isArray(node)) node.forEach((item, i) => stack.push({ node: item, pointer: `${pointer}/${i}` }));
    else if (isRecord(node)) {
      if (typeof node.$ref === 'string' && !node.$ref.startsWith('#')) out.push({ ref: node.$ref, pointer: `${pointer}/$ref` });
      for (const [k, v] of Object.entries(node)) if (typeof v === 'object' && v !== null) stack.push({ node: v, pointer: `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}` });
    }
  }
  return out;
}

/** Where an external `$ref` of `source` leads: an absolute file path or a URL. */
function refTarget(ref: string, source: string): string {
  const bare = ref.split('#')[0] ?? '';
  if (isSpecUrl(bare)) return bare;
  if (isSpecUrl(source)) return new URL(bare, source).toString();
  return resolve(dirname(source), decodeURI(bare));
}

type Prepared =
  | { ok: true; spec: LoadedSpec; external: boolean; sourceVersion: SpecVersion }
  | { ok: false; problem: ConfigProblem; version?: SpecVersion; cacheable: boolean };

/**
 * Bundles external files into the document (each one checked against the confinement first), validates the
 * structure, and converts Swagger 2.0 to OpenAPI 3.0, so every later step deals with one OpenAPI 3 document and
 * internal `#/...` references only. Circular references stay references: nothing here makes object cycles.
 */
async function prepareSpec(
  document: OpenApiDocument,
  source: string,
  validate: boolean,
  extra: { text?: string; confine?: SpecConfinement; timeoutMs?: number; dispatcher?: Dispatcher; defer?: boolean } = {},
): Promise<Prepared> {
  const shown = isSpecUrl(source) ? shownUrl(source) : source;
  const version = specVersionOf(document);
  if (version === undefined) {
    return { ok: false, cacheable: false, problem: { file: shown, message: 'not an OpenAPI document: no `openapi: 3.x` or `swagger: "2.0"` field' } };
  }
  const refs = externalRefs(document);
  let bundled = document;
  if (refs.length > 0) {
    for (const { ref, pointer } of refs) {
      const target = refTarget(ref, source);
      const refused = extra.confine ? (isSpecUrl(target) ? await checkSpecUrl(target, extra.confine) : await checkSpecFile(target, extra.confine)) : null;
      if (refused !== null) return { ok: false, cacheable: false, version, problem: { file: shown, at: pointer, message: `$ref ${JSON.stringify(ref)} refused: ${refused}` } };
    }
    try {
      const options = { resolve: confinedResolvers(extra.confine, extra.timeoutMs ?? 30_000, extra.dispatcher) };
      // Loaded only for specs split over several files: most are one document.
      const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
      bundled = (await SwaggerParser.bundle(source, structuredClone(document) as never, options as never)) as unknown as OpenApiDocument;
    } catch (error) {
      return { ok: false, cacheable: false, version, problem: { file: shown, message: `cannot bundle the spec's external references: ${firstLines(error instanceof Error ? error.message : String(error))}` } };
    }
  }
  let validation: Promise<ConfigProblem | undefined> | undefined;
  if (validate) {
    validation = validateStructure(bundled, version, shown, refs.length === 0 ? extra.text : undefined);
    if (!extra.defer) {
      const problem = await validation;
      validation = undefined;
      if (problem) return { ok: false, cacheable: refs.length === 0, version, problem };
    }
  }
  const pending = validation ? { validation } : {};
  const external = refs.length > 0;
  if (version === 'swagger-2.0') {
    try {
      specWork.conversions++;
      const converted = await convertToOpenApi3(bundled);
      return { ok: true, external, sourceVersion: version, spec: { source, version: specVersionOf(converted) ?? 'openapi-3.0', convertedFrom: 'swagger-2.0', document: converted, ...pending } };
    } catch (error) {
      return { ok: false, cacheable: false, version, problem: { file: shown, message: `cannot convert Swagger 2.0 to OpenAPI 3: ${firstLines(error instanceof Error ? error.message : String(error))}` } };
    }
  }
  return { ok: true, external, sourceVersion: version, spec: { source, version, document: bundled, ...pending } };
}

/** swagger-parser's file and http resolvers, each read checked against the confinement first. */
function confinedResolvers(confine: SpecConfinement | undefined, timeoutMs: number, dispatcher: Dispatcher | undefined): Record<string, unknown> {
  return {
    file: {
      order: 100,
      canRead: (file: { url: string }) => !isSpecUrl(file.url),
      read: async (file: { url: string }) => {
        const path = file.url.startsWith('file:') ? fileURLToPath(file.url) : decodeURI(file.url);
        const refused = confine ? await checkSpecFile(path, confine) : null;
        if (refused !== null) throw new Error(`$ref to ${path} refused: ${refused}`);
        return readFile(path);
      },
    },
    http: {
      order: 200,
      canRead: (file: { url: string }) => isSpecUrl(file.url),
      read: async (file: { url: string }) => {
        const refused = confine ? await checkSpecUrl(file.url, confine) : null;
        if (refused !== null) throw new Error(`$ref to ${shownUrl(file.url)} refused: ${refused}`);
        const { request } = await import('undici');
        const res = await request(file.url, { method: 'GET', headersTimeout: timeoutMs, bodyTimeout: timeoutMs, ...(dispatcher ? { dispatcher } : {}) });
        if (res.statusCode < 200 || res.statusCode >= 300) {
          await res.body.dump();
          throw new Error(`${shownUrl(file.url)} answered HTTP ${res.statusCode}`);
        }
        return Buffer.from(await res.body.arrayBuffer());
      },
    },
  };
}

function firstLines(message: string): string {
  const lines = message.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.slice(0, 4).join('; ');
}

// ---------------------------------------------------------------------------------------------
// The URL cache: one JSON file per URL with the body and its validators (ETag, Last-Modified).

interface CacheEntry {
  url: string;
  etag?: string;
  lastModified?: string;
  fetchedAt: string;
  body: string;
}

function cacheFileFor(cacheDir: string, url: string): string {
  return join(cacheDir, `${createHash('sha256').update(url).digest('hex').slice(0, 24)}.json`);
}

async function readCache(file: string | undefined): Promise<CacheEntry | undefined> {
  if (file === undefined) return undefined;
  try {
    const entry: unknown = JSON.parse(await readFile(file, 'utf8'));
    return isRecord(entry) && typeof entry.body === 'string' ? (entry as unknown as CacheEntry) : undefined;
  } catch {
    return undefined;
  }
}

async function writeCache(file: string, entry: CacheEntry): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(entry), 'utf8');
  await rename(tmp, file);
}

export type FetchResult = { ok: true; text: string; stale: boolean; cached: 'miss' | 'revalidated' | 'stale' } | { ok: false; message: string };

/**
 * GET with If-None-Match / If-Modified-Since from the cache: a 304 reuses the cached body. When the vendor cannot be
 * reached the cached copy is used and marked stale; with no cache that is a problem, not an exception.
 */
async function fetchSpecText(url: string, options: Pick<LoadSpecOptions, 'cacheDir' | 'dispatcher' | 'timeoutMs'>): Promise<FetchResult> {
  const file = options.cacheDir ? cacheFileFor(options.cacheDir, url) : undefined;
  const cached = await readCache(file);
  const headers: Record<string, string> = { accept: 'application/json, application/yaml, text/yaml, */*' };
  if (cached?.etag) headers['if-none-match'] = cached.etag;
  if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
  const timeout = options.timeoutMs ?? 30_000;
  try {
    // undici is loaded only when a spec is a URL: a diff of two files never pays for it.
    const { request } = await import('undici');
    const res = await request(url, {
      method: 'GET',
      headers,
      headersTimeout: timeout,
      bodyTimeout: timeout,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
    if (res.statusCode === 304 && cached) {
      await res.body.dump();
      return { ok: true, text: cached.body, stale: false, cached: 'revalidated' };
    }
    if (res.statusCode < 200 || res.statusCode >= 300) {
      await res.body.dump();
      if (cached) return { ok: true, text: cached.body, stale: true, cached: 'stale' };
      return { ok: false, message: `fetching the spec answered HTTP ${res.statusCode}` };
    }
    const text = await res.body.text();
    if (file) {
      const etag = headerValue(res.headers.etag);
      const lastModified = headerValue(res.headers['last-modified']);
      await writeCache(file, {
        url: shownUrl(url),
        ...(etag ? { etag } : {}),
        ...(lastModified ? { lastModified } : {}),
        fetchedAt: new Date().toISOString(),
        body: text,
      });
    }
    return { ok: true, text, stale: false, cached: 'miss' };
  } catch (error) {
    if (cached) return { ok: true, text: cached.body, stale: true, cached: 'stale' };
    return { ok: false, message: `cannot fetch the spec: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
