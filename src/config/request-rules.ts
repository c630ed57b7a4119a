// House checks on what a connector sends: credentials in URLs, request bodies, pagination, variants, body paths.
import { parseBodyPath } from '../core/body-path.js';
import { isRecord } from '../core/is-record.js';
import { variantName } from './normalize-request.js';
import type { PathSegment } from './validate-connector.js';

export interface HouseProblem {
  segments: PathSegment[];
  target: 'value' | 'key';
  message: string;
}

/** Methods that take no body on the wire (a body there is dropped or refused by servers and proxies). */
const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** `${NAME}` only: GraphQL's own `$variables` must stay possible. */
const ENV_INTERPOLATION = /\$\{[^}]*\}/;

/**
 * `https://user:pass@host` in a committed file is a leaked secret, and undici would drop it silently anyway.
 * The message never repeats the URL: it holds the secret.
 */
export function urlCredentialProblem(text: string, segments: PathSegment[]): HouseProblem | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.username === '' && url.password === '') return undefined;
  return {
    segments,
    target: 'value',
    message:
      'must not carry credentials (user:pass@): connector files are committed and the credentials would not be sent; ' +
      'remove them from the URL and use auth: { type: basic, usernameEnv, passwordEnv } with environment variables',
  };
}

function bodyPathProblem(value: unknown, segments: PathSegment[]): HouseProblem[] {
  if (typeof value !== 'string') return [];
  const parsed = parseBodyPath(value);
  return parsed.ok ? [] : [{ segments, target: 'value', message: parsed.message }];
}

/** Connector-wide request checks. */
export function requestProblems(data: Record<string, unknown>): HouseProblem[] {
  const problems: HouseProblem[] = [];
  if (typeof data.baseUrl === 'string') {
    const leak = urlCredentialProblem(data.baseUrl, ['baseUrl']);
    if (leak) problems.push(leak);
  }
  if (Array.isArray(data.errorEnvelope)) data.errorEnvelope.forEach((path, i) => problems.push(...bodyPathProblem(path, ['errorEnvelope', i])));
  return problems;
}

/** The first string in a body that asks for interpolation, with its place (walked without recursion). */
function interpolationIn(body: unknown): { segments: PathSegment[] } | undefined {
  const stack: Array<{ value: unknown; segments: PathSegment[] }> = [{ value: body, segments: [] }];
  while (stack.length > 0) {
    const { value, segments } = stack.pop()!;
    if (typeof value === 'string') {
      if (ENV_INTERPOLATION.test(value)) return { segments };
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, segments: [...segments, i] }));
    } else if (isRecord(value)) {
      for (const [key, item] of Object.entries(value)) stack.push({ value: item, segments: [...segments, key] });
    }
  }
  return undefined;
}

export function bodyProblems(body: unknown, method: string, at: PathSegment[]): HouseProblem[] {
  if (body === undefined) return [];
  if (BODYLESS.has(method)) {
    return [{ segments: at, target: 'key', message: `is not sent with ${method}: use method POST (with safe: true) for a search or GraphQL query` }];
  }
  const found = interpolationIn(body);
  if (found) {
    return [{
      segments: [...at, ...found.segments],
      target: 'value',
      message: 'must be a literal: request bodies are not interpolated (${...}); secrets belong under auth, read from the environment',
    }];
  }
  return [];
}

/** Per-endpoint request checks; defensive about shapes, since they also run on schema-invalid input. */
export function endpointProblems(endpoint: unknown, i: number): HouseProblem[] {
  // GraphQL endpoints have rules of their own (src/graphql/endpoint-rules.ts).
  if (!isRecord(endpoint) || endpoint.kind === 'graphql') return [];
  const problems: HouseProblem[] = [];
  const at = (...rest: PathSegment[]): PathSegment[] => ['endpoints', i, ...rest];
  const method = typeof endpoint.method === 'string' ? endpoint.method : 'GET';
  problems.push(...bodyProblems(endpoint.body, method, at('body')));

  const pages = typeof endpoint.pages === 'number' ? endpoint.pages : undefined;
  if (pages !== undefined && pages > 1 && endpoint.paginate === undefined) {
    problems.push({ segments: at('pages'), target: 'value', message: 'needs paginate: say how the next page is found (paginate: link, or { cursor, param })' });
  }
  if (endpoint.paginate !== undefined && pages === undefined) {
    problems.push({ segments: at('paginate'), target: 'key', message: 'needs pages: say how many pages to read at most (e.g. pages: 3)' });
  }
  if (isRecord(endpoint.paginate)) {
    problems.push(...bodyPathProblem(endpoint.paginate.cursor, at('paginate', 'cursor')));
    problems.push(...bodyPathProblem(endpoint.paginate.hasMore, at('paginate', 'hasMore')));
  }

  if (Array.isArray(endpoint.variants)) {
    const seen = new Map<string, number>();
    endpoint.variants.forEach((variant: unknown, v) => {
      if (!isRecord(variant) || !isRecord(variant.query)) return;
      problems.push(...bodyProblems(variant.body, method, at('variants', v, 'body')));
      const name = variantName({ ...(typeof variant.name === 'string' ? { name: variant.name } : {}), query: variant.query as Record<string, string> }, v);
      const first = seen.get(name);
      if (first === undefined) seen.set(name, v);
      else problems.push({ segments: at('variants', v), target: 'value', message: `"${name}" repeats variants[${first}]: variant names must be unique in an endpoint` });
    });
  }
  return problems;
}
