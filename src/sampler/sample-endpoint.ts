// Takes one live sample (one request, one page) of an endpoint: auth, retries, parsing, classification, redaction.
import { createHash } from 'node:crypto';
import type { Dispatcher } from 'undici';
import type { Connector, EndpointConfig, FailureKind, JsonValue, Sample, SampleFailure, SampleOutcome } from '../core/model.js';
import { mediaTypeOf } from '../core/media-type.js';
import { redactHeaders, redactText, redactUrl, redactValue } from '../core/redact.js';
import { openAuthSession, type AuthSession } from './auth-session.js';
import { graphqlPayload } from '../graphql/response.js';
import { attemptOnce, keepHeaders, type Exchange } from './http-exchange.js';
import { sharedTokenCache, type TokenCache } from './oauth2.js';
import { Pacer } from './pacer.js';
import { parseBody, type Parsed } from './parse-body.js';
import { parseRetryAfter } from '../core/retry-after.js';
import { retryDelay } from './retry.js';
import { mayRepeat, unsafeRefusal } from './safety.js';
import { readSignals } from './signals.js';

export { keepHeaders, MAX_REDIRECTS } from './http-exchange.js';

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
  /** At least this many samples of every endpoint (and variant) this run, whatever its `samples` says (`accept --samples`). */
  minSamples?: number;
  /** Where OAuth2 tokens live between runs of this process; default one process-wide cache. */
  tokenCache?: TokenCache;
  /** Called once per outcome (each sample, page and variant) with the number of attempts made. */
  onProgress?: (event: { connector: string; endpoint: string; outcome: 'ok' | FailureKind; attempt: number }) => void;
  /** Called before each wait for a retry, so a person watching is told (the sampler itself never prints). */
  onRetry?: (event: RetryEvent) => void;
}

/** A retry about to happen: the attempt it will be, of how many, after how long, and why. */
export interface RetryEvent {
  connector: string;
  endpoint: string;
  attempt: number;
  of: number;
  delayMs: number;
  /** What failed: `HTTP 503`, `timeout`, `connection`... */
  reason: string;
}

/** One request to make: the endpoint's own query and body, or a variant's, or the next page of either. */
export interface RequestSpec {
  endpoint: EndpointConfig;
  query: Record<string, string>;
  body?: JsonValue;
  variant?: string;
  page?: number;
  /** A next-page URL from a `Link` header, used as is (auth query parameters re-added). */
  url?: URL;
}

/** What a run of one connector shares: options with defaults, its auth session and its Retry-After pacer. */
export interface SamplingContext {
  connector: Connector;
  options: SamplerOptions;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  auth: AuthSession;
  pacer: Pacer;
}

/** A sample with the raw (unredacted) answer pagination reads; the raw parts are never kept. */
export interface TakenSample {
  outcome: SampleOutcome;
  raw?: { body: JsonValue; headers: Record<string, string>; url: URL };
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function openSamplingContext(connector: Connector, options: SamplerOptions): SamplingContext {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? defaultSleep;
  const auth = openAuthSession(connector, {
    env: options.env,
    now,
    cache: options.tokenCache ?? sharedTokenCache,
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    maxAttempts: Math.max(1, options.maxAttempts ?? 3),
    backoff: backoffOf(options),
    sleep,
  });
  return { connector, options, now, sleep, auth, pacer: new Pacer(sleep) };
}

function backoffOf(options: SamplerOptions) {
  return {
    baseDelayMs: options.baseDelayMs ?? 250,
    maxDelayMs: options.maxDelayMs ?? 10_000,
    retryAfterCapMs: options.retryAfterCapMs ?? 60_000,
    random: options.random ?? Math.random,
  };
}

/** baseUrl may carry a path prefix (`https://api.x.com/v1`): the endpoint path is appended, not resolved. */
function buildUrl(baseUrl: string, path: string, query: Record<string, string>, authQuery: Record<string, string>): URL {
  const url = new URL(baseUrl.replace(/\/+$/, '') + path);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  for (const [name, value] of Object.entries(authQuery)) url.searchParams.set(name, value);
  return url;
}

function requestHeaders(spec: RequestSpec, authHeaders: Record<string, string>, body: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'driftwatch' };
  if (body !== undefined && spec.endpoint.contentType) headers['content-type'] = spec.endpoint.contentType;
  for (const [name, value] of Object.entries(spec.endpoint.headers)) headers[name.toLowerCase()] = value;
  Object.assign(headers, authHeaders);
  return headers;
}

/** Takes one sample: waits for the pacer, authenticates, sends, retries what may be retried, parses and redacts. */
export async function takeSample(ctx: SamplingContext, spec: RequestSpec): Promise<TakenSample> {
  const { connector, options } = ctx;
  const { endpoint } = spec;
  const takenAt = ctx.now().toISOString();
  const where = { ...(spec.variant !== undefined ? { variant: spec.variant } : {}), ...(spec.page !== undefined ? { page: spec.page } : {}) };
  const report = (taken: TakenSample): TakenSample => {
    const o = taken.outcome;
    options.onProgress?.({ connector: connector.name, endpoint: endpoint.id, outcome: o.ok ? 'ok' : o.failure.kind, attempt: o.ok ? o.sample.attempts : o.failure.attempts });
    return taken;
  };
  const failure = (kind: FailureKind, message: string, extra: Partial<SampleFailure> = {}): TakenSample =>
    report({ outcome: { ok: false, failure: { connector: connector.name, endpoint: endpoint.id, kind, message, latencyMs: 0, attempts: 0, takenAt, ...where, ...extra } } });

  const refused = unsafeRefusal(connector, endpoint, takenAt);
  if (refused) return report({ outcome: { ok: false, failure: { ...refused, ...where } } });

  const maxAttempts = mayRepeat(endpoint) ? Math.max(1, options.maxAttempts ?? 3) : 1;
  const backoff = backoffOf(options);
  const body = spec.body === undefined ? undefined : typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body);
  let tokenRenewed = false;
  for (let attempt = 1; ; attempt++) {
    await ctx.pacer.ready();
    const prepared = await ctx.auth.prepare();
    if (!prepared.ok) {
      const scrubbed = redactText(prepared.message, prepared.secrets);
      return failure(prepared.kind, scrubbed, { attempts: attempt - 1, ...(prepared.status !== undefined ? { status: prepared.status } : {}) });
    }
    const auth = prepared.auth;
    const scrub = (text: string): string => redactText(text, auth.secrets);
    let url: URL;
    try {
      url = spec.url ? new URL(spec.url) : buildUrl(connector.baseUrl, endpoint.path, spec.query, auth.query);
      if (spec.url) for (const [name, value] of Object.entries(auth.query)) url.searchParams.set(name, value);
    } catch {
      return failure('config', `cannot build a URL from ${scrub(connector.baseUrl)} and ${endpoint.path}`);
    }
    const safeUrl = redactUrl(url.toString(), auth.secretParams, auth.secrets);
    const result = await attemptOnce({
      url,
      method: endpoint.method,
      headers: requestHeaders(spec, auth.headers, body),
      ...(body !== undefined ? { body } : {}),
      authQuery: auth.query,
      timeoutMs: connector.timeoutMs,
      maxBodyBytes: connector.maxBodyBytes,
      ...(auth.dispatcher ? { dispatcher: auth.dispatcher } : {}),
    });

    if (!result.ok) {
      const f = result.failure;
      // A vendor asking for a pause asks the whole connector, not only this request.
      const asked = parseRetryAfter(f.retryAfter, ctx.now());
      if (asked !== undefined) ctx.pacer.pause(Math.min(asked, backoff.retryAfterCapMs));
      // A cached token the vendor no longer takes (revoked early): one fresh token, once.
      if (f.kind === 'auth-rejected' && auth.cachedToken && !tokenRenewed) {
        tokenRenewed = true;
        ctx.auth.forgetToken();
        continue;
      }
      if (f.retryable && attempt < maxAttempts) {
        // With a Retry-After, the pacer's pause is the wait (awaited at the top of the loop); else jittered backoff.
        const wait = asked === undefined ? retryDelay(attempt, undefined, { ...backoff, now: ctx.now() }) : Math.min(asked, backoff.retryAfterCapMs);
        const reason = f.status !== undefined ? `HTTP ${f.status}` : f.kind;
        options.onRetry?.({ connector: connector.name, endpoint: endpoint.id, attempt: attempt + 1, of: maxAttempts, delayMs: wait, reason });
        if (asked === undefined) await ctx.sleep(wait);
        continue;
      }
      const once = !mayRepeat(endpoint) && f.retryable ? ' (not retried: the method is not idempotent)' : '';
      // Under TLS 1.3 a vendor refusing the client certificate just closes the connection after the handshake.
      const mtls = connector.auth.type === 'mtls' && f.kind === 'connection' ? `; with mTLS this is also how a vendor refuses the client certificate in $${connector.auth.certEnv}` : '';
      const message = scrub(`${endpoint.method} ${safeUrl}: ${f.message}${attempt > 1 ? ` (after ${attempt} attempts)` : ''}${once}${mtls}`);
      return failure(f.kind, message, { latencyMs: f.latencyMs, attempts: attempt, ...(f.status !== undefined ? { status: f.status } : {}) });
    }

    const exchange = result.exchange;
    const parsed = parseAnswer(exchange, endpoint, connector);
    if (!parsed.ok) {
      return failure(parsed.kind, scrub(`${endpoint.method} ${safeUrl}: ${parsed.message}`), { status: exchange.status, latencyMs: exchange.latencyMs, attempts: attempt });
    }
    const signals = readSignals(exchange.headers, exchange.url, (u) => redactUrl(u, auth.secretParams, auth.secrets));
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
      ...where,
      ...(signals ? { signals } : {}),
      ...(auth.note ? { authNote: auth.note } : {}),
    };
    return report({ outcome: { ok: true, sample }, raw: { body: parsed.body, headers: exchange.headers, url: exchange.url } });
  }
}

/** The body as JSON, and for a GraphQL endpoint its `data` (its `errors` are the failure). */
function parseAnswer(exchange: Exchange, endpoint: EndpointConfig, connector: Connector): Parsed {
  const parsed = parseBody(exchange, { method: endpoint.method, expectStatus: endpoint.expectStatus, limits: connector.limits, errorEnvelope: connector.errorEnvelope });
  if (!parsed.ok || endpoint.graphql === undefined) return parsed;
  const payload = graphqlPayload(parsed.body);
  return payload.ok ? { ok: true, body: payload.data } : payload;
}

/** One sample of an endpoint as it is written (its own query and body, first page), with a session of its own. */
export async function sampleEndpoint(connector: Connector, endpoint: EndpointConfig, options: SamplerOptions): Promise<SampleOutcome> {
  const ctx = openSamplingContext(connector, options);
  try {
    const spec: RequestSpec = { endpoint, query: endpoint.query, ...(endpoint.body !== undefined ? { body: endpoint.body } : {}) };
    return (await takeSample(ctx, spec)).outcome;
  } finally {
    await ctx.auth.close();
  }
}
