// Operation matching: a sampled (method, path) -> the spec operation, honouring servers' base paths; most specific wins.
import { asRecord, isRecord } from './refs.js';
import { listOperations, specVersionOf } from './operations.js';
import type { OpenApiDocument, SpecOperation } from './types.js';

interface CompiledTemplate {
  op: SpecOperation;
  re: RegExp;
  literalSegments: number;
  literalChars: number;
}

export type OperationMatcher = (method: string, path: string) => SpecOperation | undefined;

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function compileTemplate(op: SpecOperation): CompiledTemplate {
  const path = trimSlash(op.path);
  let source = '';
  let literalChars = 0;
  let literalSegments = 0;
  for (const segment of path.split('/').slice(1)) {
    if (!segment.includes('{')) {
      literalSegments++;
      literalChars += segment.length;
    }
    // A parameter matches within one segment; literal parts of a mixed segment (`{id}.json`) stay literal.
    const parts = segment.split(/(\{[^}]*\})/).filter((p) => p !== '');
    source += '/' + parts.map((p) => (p.startsWith('{') ? '[^/]+' : escapeRe(p))).join('');
  }
  return { op, re: new RegExp(`^${source || '/'}$`), literalSegments, literalChars };
}

/**
 * Base paths the spec's operations live under: OpenAPI 3 `servers[].url` paths (variables replaced by their
 * defaults), Swagger 2.0 `basePath`. `/` is always a candidate.
 */
export function basePathsOf(doc: OpenApiDocument): string[] {
  const bases = new Set<string>();
  if (specVersionOf(doc) === 'swagger-2.0') {
    if (typeof doc.basePath === 'string') bases.add(trimSlash(doc.basePath));
  } else if (Array.isArray(doc.servers)) {
    for (const server of doc.servers.filter(isRecord)) {
      if (typeof server.url !== 'string') continue;
      const vars = asRecord(server.variables) ?? {};
      const url = server.url.replace(/\{([^}]+)\}/g, (_, name: string) => String(asRecord(vars[name])?.default ?? ''));
      bases.add(trimSlash(pathOfUrl(url)));
    }
  }
  bases.delete('/');
  bases.delete('');
  return [...bases].sort((a, b) => b.length - a.length);
}

function pathOfUrl(url: string): string {
  try {
    return new URL(url, 'http://base.invalid').pathname;
  } catch {
    return '/';
  }
}

/**
 * Builds a matcher over every operation of the document. `extraBases` are further prefixes to try (the path of the
 * connector's baseUrl). Among templates that match, the one with more literal segments wins (`/users/me` beats
 * `/users/{id}`), then the one with more literal characters.
 */
export function createOperationMatcher(doc: OpenApiDocument, extraBases: readonly string[] = []): OperationMatcher {
  const compiled = listOperations(doc).map(compileTemplate);
  const bases = [...new Set([...basePathsOf(doc), ...extraBases.map(trimSlash).filter((b) => b !== '/' && b !== '')])];
  return (method, rawPath) => {
    const upper = method.toUpperCase();
    const path = trimSlash(rawPath.split('?')[0] ?? rawPath);
    const candidates = new Set([path]);
    for (const base of bases) {
      if (path === base) candidates.add('/');
      else if (path.startsWith(`${base}/`)) candidates.add(path.slice(base.length));
    }
    let best: CompiledTemplate | undefined;
    for (const entry of compiled) {
      if (entry.op.method !== upper) continue;
      let hit = false;
      for (const candidate of candidates) if (entry.re.test(candidate)) hit = true;
      if (!hit) continue;
      if (
        best === undefined ||
        entry.literalSegments > best.literalSegments ||
        (entry.literalSegments === best.literalSegments && entry.literalChars > best.literalChars)
      ) {
        best = entry;
      }
    }
    return best?.op;
  };
}
