// One HTTP exchange with a vendor (undici): timeouts, same-origin redirects, size cap, decoding, error classification.
import { performance } from 'node:perf_hooks';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { request, type Dispatcher } from 'undici';
import type { FailureKind, HttpMethod } from '../core/model.js';
import { isRetryableStatus } from './retry.js';

export const MAX_REDIRECTS = 5;

/** Headers that can signal drift or vendor intent; the rest (dates, request ids, cookies) is noise or risk. */
const KEPT_HEADERS = new Set(['content-type', 'cache-control', 'etag', 'last-modified', 'deprecation', 'sunset', 'api-version', 'retry-after']);
const KEPT_HEADER_PATTERNS = [/^x-(?:[a-z0-9-]+-)?version$/, /^(?:x-)?ratelimit-/];

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** A complete answer; `url` is where it finally came from (after same-origin redirects). */
export type Exchange = { status: number; headers: Record<string, string>; bytes: Buffer; latencyMs: number; url: URL };
export type AttemptFailure = {
  kind: FailureKind;
  message: string;
  status?: number;
  retryable: boolean;
  retryAfter?: string;
  latencyMs: number;
};
export type AttemptResult = { ok: true; exchange: Exchange } | { ok: false; failure: AttemptFailure };

function withoutContentHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (name !== 'content-type' && name !== 'content-length') out[name] = value;
  return out;
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function keepHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers).sort()) {
    if (KEPT_HEADERS.has(name) || KEPT_HEADER_PATTERNS.some((p) => p.test(name))) out[name] = headers[name]!;
  }
  return out;
}

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  const visit = (e: unknown, depth: number): void => {
    if (typeof e !== 'object' || e === null || depth > 3) return;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    visit((e as { cause?: unknown }).cause, depth + 1);
    const nested = (e as { errors?: unknown }).errors;
    if (Array.isArray(nested)) for (const n of nested) visit(n, depth + 1);
  };
  visit(error, 0);
  return codes;
}

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|ERR_OSSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|ERR_CERT)/;
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

function classifyError(error: unknown, timedOut: boolean, timeoutMs: number): { kind: FailureKind; message: string; retryable: boolean } {
  const codes = errorCodes(error);
  const text = error instanceof Error ? error.message : String(error);
  if (timedOut || codes.some((c) => TIMEOUT_CODES.has(c))) {
    return { kind: 'timeout', message: `no complete answer within ${timeoutMs} ms`, retryable: true };
  }
  // A certificate problem will not fix itself between attempts: report it at once.
  if (codes.some((c) => TLS_CODE.test(c)) || /certificate|ssl|tls/i.test(text)) {
    const code = codes.find((c) => TLS_CODE.test(c)) ?? codes[0];
    // OpenSSL's own text is a dump of library internals; the code says it better.
    const detail = /routines:/.test(text) ? '' : text.split('\n')[0]!.trim();
    const message = code ? `TLS failure: ${code}${detail ? ` (${detail})` : ''}` : `TLS failure: ${detail}`;
    return { kind: 'tls', message, retryable: false };
  }
  const code = codes[0];
  return { kind: 'connection', message: `connection failed: ${code ? `${code} ` : ''}${text || 'no detail'}`.trim(), retryable: true };
}

function decoderFor(encoding: string): Transform | undefined {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

/**
 * Destroys a response body we will not read. undici emits an abort error on a destroyed body; with no listener
 * that would surface as an uncaught exception long after the sample was classified.
 */
function discard(body: Readable): void {
  body.on('error', () => {});
  body.destroy();
}

type BodyRead = { ok: true; bytes: Buffer } | { ok: false; kind: FailureKind; message: string };

/**
 * Reads the body, decoding content-encodings, and stops as soon as the decoded total passes `cap`:
 * the cap applies after decompression, so a small gzip bomb is caught too.
 */
async function readBody(body: Readable, contentEncoding: string | undefined, cap: number): Promise<BodyRead> {
  const encodings = (contentEncoding ?? '')
    .toLowerCase()
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '' && e !== 'identity');
  const decoders: Transform[] = [];
  // Encodings are listed in the order applied: undo them last to first.
  for (const encoding of [...encodings].reverse()) {
    const decoder = decoderFor(encoding);
    if (!decoder) {
      discard(body);
      return { ok: false, kind: 'content-type', message: `unsupported content-encoding "${encoding}"` };
    }
    decoders.push(decoder);
  }
  // Errors reach us through the iteration below; this listener also keeps late abort errors from going uncaught.
  let bodyError: Error | undefined;
  body.on('error', (e: Error) => (bodyError ??= e));
  let decodeError: Error | undefined;
  for (const decoder of decoders) decoder.once('error', (e: Error) => (decodeError ??= e));
  const last: Readable = decoders.length > 0 ? decoders[decoders.length - 1]! : body;
  if (decoders.length > 0) pipeline([body, ...decoders], () => {});

  const chunks: Buffer[] = [];
  let total = 0;
  let tooLarge = false;
  try {
    for await (const chunk of last) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      total += buffer.length;
      if (total > cap) {
        tooLarge = true;
        break;
      }
      chunks.push(buffer);
    }
  } catch (error) {
    // pipeline forwards a body error (timeout, reset) into the decoders: only their own errors mean bad bytes.
    if (decodeError && decodeError !== bodyError) return { ok: false, kind: 'invalid-json', message: `the ${encodings.join(', ')} body could not be decoded: ${decodeError.message}` };
    throw error;
  }
  if (tooLarge) {
    // Destroying the body aborts the request and closes the socket: the rest is never downloaded.
    discard(body);
    for (const decoder of decoders) decoder.destroy();
    return { ok: false, kind: 'too-large', message: `response body exceeds maxBodyBytes (${cap} bytes${decoders.length > 0 ? ' decoded' : ''})` };
  }
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}

export interface AttemptPlan {
  url: URL;
  method: HttpMethod;
  headers: Record<string, string>;
  /** Serialised request body, sent with its content-type header (set by the caller). */
  body?: string;
  authQuery: Record<string, string>;
  /** Read 401/403 bodies like any other (a token endpoint says why in them). */
  readAuthFailures?: boolean;
  timeoutMs: number;
  maxBodyBytes: number;
  dispatcher?: Dispatcher;
}

export async function attemptOnce(plan: AttemptPlan): Promise<AttemptResult> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('driftwatch sampler timeout'));
  }, plan.timeoutMs);
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const fail = (kind: FailureKind, message: string, extra: Partial<AttemptFailure> = {}): AttemptResult => ({
    ok: false,
    failure: { kind, message, retryable: false, latencyMs: elapsed(), ...extra },
  });
  try {
    let current = new URL(plan.url);
    let method = plan.method;
    let body = plan.body;
    let headers = plan.headers;
    for (let redirects = 0; ; redirects++) {
      const response = await request(current, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        signal: controller.signal,
        ...(plan.dispatcher ? { dispatcher: plan.dispatcher } : {}),
        headersTimeout: plan.timeoutMs,
        bodyTimeout: plan.timeoutMs,
      });
      const status = response.statusCode;
      const answer = flattenHeaders(response.headers);
      const location = answer.location;

      if (REDIRECT_STATUSES.has(status) && location !== undefined) {
        await response.body.dump();
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          return fail('redirect', `redirect ${status} to an invalid location`, { status });
        }
        // Following a redirect to another origin would hand it our credentials.
        if (next.origin !== plan.url.origin) {
          return fail('redirect', `redirect ${status} to another origin (${next.origin}): not followed`, { status });
        }
        if (redirects + 1 > MAX_REDIRECTS) {
          return fail('redirect', `more than ${MAX_REDIRECTS} redirects (last to ${next.pathname})`, { status });
        }
        for (const [name, value] of Object.entries(plan.authQuery)) next.searchParams.set(name, value);
        // 307 and 308 repeat the request as it was; the others turn it into a GET without a body.
        if (status === 303 || ((status === 301 || status === 302) && method !== 'GET' && method !== 'HEAD')) {
          method = 'GET';
          body = undefined;
          headers = withoutContentHeaders(headers);
        }
        current = next;
        continue;
      }

      if ((status === 401 || status === 403) && plan.readAuthFailures !== true) {
        await response.body.dump();
        return fail('auth-rejected', `the vendor rejected the credentials (${status})`, { status });
      }
      if (isRetryableStatus(status)) {
        await response.body.dump();
        return fail('http-status', `the vendor answered ${status}`, {
          status,
          retryable: true,
          ...(answer['retry-after'] !== undefined ? { retryAfter: answer['retry-after'] } : {}),
        });
      }

      const declared = Number(answer['content-length']);
      if (Number.isFinite(declared) && declared > plan.maxBodyBytes) {
        discard(response.body);
        return fail('too-large', `content-length ${declared} exceeds maxBodyBytes (${plan.maxBodyBytes} bytes)`, { status });
      }
      const read = await readBody(response.body, answer['content-encoding'], plan.maxBodyBytes);
      if (!read.ok) return fail(read.kind, read.message, { status });
      return { ok: true, exchange: { status, headers: answer, bytes: read.bytes, latencyMs: elapsed(), url: current } };
    }
  } catch (error) {
    const classified = classifyError(error, timedOut, plan.timeoutMs);
    return fail(classified.kind, classified.message, { retryable: classified.retryable });
  } finally {
    clearTimeout(timer);
  }
}
