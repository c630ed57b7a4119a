// Spec loading: a file (relative to the connector folder) or a URL (undici, cached with ETag/Last-Modified), parsed,
// validated and bundled with swagger-parser on a clone; problems come back as data naming the file and the fault.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { request, type Dispatcher } from 'undici';
import { parseDocument } from 'yaml';
import type { ConfigProblem } from '../core/model.js';
import { specVersionOf } from './operations.js';
import { isRecord } from './refs.js';
import type { LoadedSpec, OpenApiDocument } from './types.js';

export type SpecLoadResult = { ok: true; spec: LoadedSpec } | { ok: false; problem: ConfigProblem };

export interface LoadSpecOptions {
  /** Folder a relative file path is resolved against (the connector's folder). */
  baseDir: string;
  /** Where fetched specs are cached (`<root>/.driftwatch/spec-cache`); no cache when absent. */
  cacheDir?: string;
  dispatcher?: Dispatcher;
  /** Structural validation with swagger-parser (default true). Slow on huge specs: seconds for GitHub's. */
  validate?: boolean;
  /** Default 30 s. */
  timeoutMs?: number;
}

export function isSpecUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/** Absolute file path of a spec location, or the URL itself. */
export function specLocation(location: string, baseDir: string): string {
  if (isSpecUrl(location)) return location;
  return isAbsolute(location) ? location : resolve(baseDir, location);
}

export async function loadSpec(location: string, options: LoadSpecOptions): Promise<SpecLoadResult> {
  const source = specLocation(location, options.baseDir);
  let text: string;
  let stale = false;
  if (isSpecUrl(source)) {
    const fetched = await fetchSpecText(source, options);
    if (!fetched.ok) return { ok: false, problem: { file: source, message: fetched.message } };
    text = fetched.text;
    stale = fetched.stale;
  } else {
    try {
      text = await readFile(source, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { ok: false, problem: { file: source, message: code === 'ENOENT' ? 'spec file not found' : `cannot read spec: ${String(error)}` } };
    }
  }
  const parsed = parseSpecText(text, source);
  if (!parsed.ok) return parsed;
  const result = await prepareSpec(parsed.document, source, options.validate ?? true);
  if (!result.ok) return result;
  if (stale) result.spec.stale = true;
  return result;
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

function hasExternalRefs(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (isRecord(node)) {
      if (typeof node.$ref === 'string' && !node.$ref.startsWith('#')) return true;
      for (const v of Object.values(node)) if (typeof v === 'object' && v !== null) stack.push(v);
    }
  }
  return false;
}

/**
 * Validates (on a clone: swagger-parser mutates what it is given) and bundles external files into the document,
 * so that every later step deals with internal `#/...` references only. Circular references are fine: nothing here
 * dereferences them into object cycles.
 */
export async function prepareSpec(document: OpenApiDocument, source: string, validate: boolean): Promise<SpecLoadResult> {
  const version = specVersionOf(document);
  if (version === undefined) {
    return { ok: false, problem: { file: source, message: 'not an OpenAPI document: no `openapi: 3.x` or `swagger: "2.0"` field' } };
  }
  const base = isSpecUrl(source) ? source : source;
  try {
    if (validate) {
      await SwaggerParser.validate(base, structuredClone(document) as never, { dereference: { circular: 'ignore' } } as never);
    }
    const bundled = hasExternalRefs(document)
      ? ((await SwaggerParser.bundle(base, structuredClone(document) as never, {} as never)) as unknown as OpenApiDocument)
      : document;
    return { ok: true, spec: { source, version, document: bundled } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: { file: source, message: `invalid ${version.replace('-', ' ')} spec: ${firstLines(message)}` } };
  }
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

export function cacheFileFor(cacheDir: string, url: string): string {
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
export async function fetchSpecText(url: string, options: Pick<LoadSpecOptions, 'cacheDir' | 'dispatcher' | 'timeoutMs'>): Promise<FetchResult> {
  const file = options.cacheDir ? cacheFileFor(options.cacheDir, url) : undefined;
  const cached = await readCache(file);
  const headers: Record<string, string> = { accept: 'application/json, application/yaml, text/yaml, */*' };
  if (cached?.etag) headers['if-none-match'] = cached.etag;
  if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
  const timeout = options.timeoutMs ?? 30_000;
  try {
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
        url,
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
