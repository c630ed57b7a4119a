// Takes one live sample of one endpoint (undici): retries, timeouts, redirects, size cap, decoding, classification, redaction.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { request, type Dispatcher } from 'undici';
import type { Connector, EndpointConfig, FailureKind, HttpMethod, JsonValue, Sample, SampleFailure, SampleOutcome } from '../core/model.js';
import { isJsonMediaType, mediaTypeOf } from '../core/media-type.js';
import { redactHeaders, redactText, redactUrl, redactValue } from '../core/redact.js';
import { resolveAuth } from './auth.js';
import { isRetryableStatus, retryDelay } from './retry.js';

export interface SamplerOptions {
  env: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
  dispatcher?: Dispatcher;
  /** Default 3. */
  maxAttempts?: number;
  /** Default 250. */
  baseDelayMs?: number;
  /** Default 10_000 (Retry-After is capped at retryAfterCapMs instead). */
  maxDelayMs?: number;
  /** Default 60_000. */
  retryAfterCapMs?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Called once per endpoint with its final outcome and the number of attempts made. */
  onProgress?: (event: { connector: string; endpoint: string; outcome: 'ok' | FailureKind; attempt: number }) => void;
}

export const MAX_REDIRECTS = 5;

/** Headers that can signal drift or vendor intent; the rest (dates, request ids, cookies) is noise or risk. */
const KEPT_HEADERS = new Set(['content-type', 'cache-control', 'etag', 'last-modified', 'deprecation', 'sunset', 'api-version', 'retry-after']);
const KEPT_HEADER_PATTERNS = [/^x-(?:[a-z0-9-]+-)?version$/, /^(?:x-)?ratelimit-/];

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

type Exchange = { status: number; headers: Record<string, string>; bytes: Buffer; latencyMs: number };
type AttemptFailure = {
  kind: FailureKind;
  message: string;
  status?: number;
  retryable: boolean;
  retryAfter?: string;
  latencyMs: number;
};
type AttemptResult = { ok: true; exchange: Exchange } | { ok: false; failure: AttemptFailure };

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
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

/** baseUrl may carry a path prefix (`https://api.x.com/v1`): the endpoint path is appended, not resolved. */
export function buildUrl(baseUrl: string, endpoint: EndpointConfig, authQuery: Record<string, string>): URL {
  const url = new URL(baseUrl.replace(/\/+$/, '') + endpoint.path);
  for (const [name, value] of Object.entries(endpoint.query)) url.searchParams.set(name, value);
  for (const [name, value] of Object.entries(authQuery)) url.searchParams.set(name, value);
  return url;
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

interface AttemptPlan {
  url: URL;
  method: HttpMethod;
  headers: Record<string, string>;
  authQuery: Record<string, string>;
  timeoutMs: number;
  maxBodyBytes: number;
  dispatcher?: Dispatcher;
}

async function attemptOnce(plan: AttemptPlan): Promise<AttemptResult> {
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
    for (let redirects = 0; ; redirects++) {
      const response = await request(current, {
        method,
        headers: plan.headers,
        signal: controller.signal,
        ...(plan.dispatcher ? { dispatcher: plan.dispatcher } : {}),
        headersTimeout: plan.timeoutMs,
        bodyTimeout: plan.timeoutMs,
      });
      const status = response.statusCode;
      const headers = flattenHeaders(response.headers);
      const location = headers.location;

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
        if (status === 303 || ((status === 301 || status === 302) && method !== 'GET' && method !== 'HEAD')) method = 'GET';
        current = next;
        continue;
      }

      if (status === 401 || status === 403) {
        await response.body.dump();
        return fail('auth-rejected', `the vendor rejected the credentials (${status})`, { status });
      }
      if (isRetryableStatus(status)) {
        await response.body.dump();
        return fail('http-status', `the vendor answered ${status}`, {
          status,
          retryable: true,
          ...(headers['retry-after'] !== undefined ? { retryAfter: headers['retry-after'] } : {}),
        });
      }

      const declared = Number(headers['content-length']);
      if (Number.isFinite(declared) && declared > plan.maxBodyBytes) {
        discard(response.body);
        return fail('too-large', `content-length ${declared} exceeds maxBodyBytes (${plan.maxBodyBytes} bytes)`, { status });
      }
      const read = await readBody(response.body, headers['content-encoding'], plan.maxBodyBytes);
      if (!read.ok) return fail(read.kind, read.message, { status });
      return { ok: true, exchange: { status, headers, bytes: read.bytes, latencyMs: elapsed() } };
    }
  } catch (error) {
    const classified = classifyError(error, timedOut, plan.timeoutMs);
    return fail(classified.kind, classified.message, { retryable: classified.retryable });
  } finally {
    clearTimeout(timer);
  }
}


type Parsed = { ok: true; body: JsonValue } | { ok: false; kind: FailureKind; message: string };

function parseBody(exchange: Exchange, expectStatus: number): Parsed {
  if (exchange.bytes.length === 0) return { ok: true, body: null };
  const media = mediaTypeOf(exchange.headers['content-type']);
  let text = exchange.bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return { ok: true, body: JSON.parse(text) as JsonValue };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    if (exchange.status !== expectStatus) {
      return { ok: false, kind: 'http-status', message: `the vendor answered ${exchange.status} (expected ${expectStatus}) with a body that is not JSON` };
    }
    if (media !== null && !isJsonMediaType(media)) {
      return { ok: false, kind: 'content-type', message: `content-type ${media} with a body that is not JSON` };
    }
    return { ok: false, kind: 'invalid-json', message: `the body is not valid JSON: ${why}` };
  }
}

export async function sampleEndpoint(connector: Connector, endpoint: EndpointConfig, options: SamplerOptions): Promise<SampleOutcome> {
  const now = options.now ?? (() => new Date());
  const takenAt = now().toISOString();
  const report = (outcome: SampleOutcome): SampleOutcome => {
    options.onProgress?.({
      connector: connector.name,
      endpoint: endpoint.id,
      outcome: outcome.ok ? 'ok' : outcome.failure.kind,
      attempt: outcome.ok ? outcome.sample.attempts : outcome.failure.attempts,
    });
    return outcome;
  };

  const auth = resolveAuth(connector.auth, options.env);
  if (!auth.ok) {
    const names = auth.missing.join(', ');
    return report({
      ok: false,
      failure: {
        connector: connector.name,
        endpoint: endpoint.id,
        kind: 'auth-missing',
        message: `environment variable${auth.missing.length > 1 ? 's' : ''} ${names} ${auth.missing.length > 1 ? 'are' : 'is'} not set (${connector.auth.type} auth): no request made`,
        latencyMs: 0,
        attempts: 0,
        takenAt,
      },
    });
  }

  const scrub = (text: string): string => redactText(text, auth.secrets);
  let url: URL;
  try {
    url = buildUrl(connector.baseUrl, endpoint, auth.query);
  } catch {
    return report({
      ok: false,
      failure: { connector: connector.name, endpoint: endpoint.id, kind: 'config', message: `cannot build a URL from ${scrub(connector.baseUrl)} and ${endpoint.path}`, latencyMs: 0, attempts: 0, takenAt },
    });
  }
  const safeUrl = redactUrl(url.toString(), auth.secretParams, auth.secrets);

  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-encoding': 'gzip, deflate, br',
    'user-agent': 'driftwatch',
  };
  for (const [name, value] of Object.entries(endpoint.headers)) headers[name.toLowerCase()] = value;
  Object.assign(headers, auth.headers);

  const plan: AttemptPlan = {
    url,
    method: endpoint.method,
    headers,
    authQuery: auth.query,
    timeoutMs: connector.timeoutMs,
    maxBodyBytes: connector.maxBodyBytes,
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
  };
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const sleep = options.sleep ?? defaultSleep;
  const backoff = {
    baseDelayMs: options.baseDelayMs ?? 250,
    maxDelayMs: options.maxDelayMs ?? 10_000,
    retryAfterCapMs: options.retryAfterCapMs ?? 60_000,
    random: options.random ?? Math.random,
  };

  for (let attempt = 1; ; attempt++) {
    const result = await attemptOnce(plan);
    if (!result.ok) {
      const f = result.failure;
      if (f.retryable && attempt < maxAttempts) {
        await sleep(retryDelay(attempt, f.retryAfter, { ...backoff, now: now() }));
        continue;
      }
      const failure: SampleFailure = {
        connector: connector.name,
        endpoint: endpoint.id,
        kind: f.kind,
        message: scrub(`${endpoint.method} ${safeUrl}: ${f.message}${attempt > 1 ? ` (after ${attempt} attempts)` : ''}`),
        latencyMs: f.latencyMs,
        attempts: attempt,
        takenAt,
      };
      if (f.status !== undefined) failure.status = f.status;
      return report({ ok: false, failure });
    }

    const exchange = result.exchange;
    const parsed = parseBody(exchange, endpoint.expectStatus);
    if (!parsed.ok) {
      return report({
        ok: false,
        failure: {
          connector: connector.name,
          endpoint: endpoint.id,
          kind: parsed.kind,
          message: scrub(`${endpoint.method} ${safeUrl}: ${parsed.message}`),
          status: exchange.status,
          latencyMs: exchange.latencyMs,
          attempts: attempt,
          takenAt,
        },
      });
    }
    const sample: Sample = {
      connector: connector.name,
      endpoint: endpoint.id,
      method: endpoint.method,
      url: safeUrl,
      status: exchange.status,
      contentType: mediaTypeOf(exchange.headers['content-type']),
      headers: redactHeaders(keepHeaders(exchange.headers), auth.secrets),
      latencyMs: exchange.latencyMs,
      sizeBytes: exchange.bytes.length,
      bodyHash: createHash('sha256').update(exchange.bytes).digest('hex'),
      body: redactValue(parsed.body, auth.secrets),
      takenAt,
      attempts: attempt,
    };
    return report({ ok: true, sample });
  }
}
