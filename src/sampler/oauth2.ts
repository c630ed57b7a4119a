// OAuth2 access tokens (client credentials, refresh token): fetched from the token URL, kept in memory only, refreshed early.
import { createHash } from 'node:crypto';
import type { Dispatcher } from 'undici';
import type { FailureKind, JsonValue, OAuth2ClientCredentialsAuth, OAuth2RefreshTokenAuth } from '../core/model.js';
import { isRecord } from '../core/is-record.js';
import { redactText, redactUrl } from '../core/redact.js';
import { attemptOnce } from './http-exchange.js';
import { retryDelay, type BackoffOptions } from './retry.js';

export type OAuth2Auth = OAuth2ClientCredentialsAuth | OAuth2RefreshTokenAuth;

/** When a token endpoint gives no `expires_in` (it is only RECOMMENDED by RFC 6749), the token is reused this long. */
const DEFAULT_TOKEN_LIFETIME_MS = 300_000;
/** A token is replaced this long before it expires (or at 90 % of its life when that is shorter). */
const REFRESH_MARGIN_MS = 60_000;

interface Grant {
  accessToken: string;
  /** When to stop using it: before the vendor's expiry, by the refresh margin. */
  refreshAtMs: number;
}

interface CacheEntry {
  grant?: Grant;
  /** A refresh token the vendor rotated to: newer than the one in the environment, known to this process only. */
  rotatedRefreshToken?: string;
  pending?: Promise<TokenResult>;
}

/**
 * Tokens by credential (the key is a hash of the token URL, client, refresh token and scopes: never a value).
 * One process-wide cache serves every run of a `watch` daemon; nothing in it is ever written anywhere.
 */
export class TokenCache {
  readonly #entries = new Map<string, CacheEntry>();

  entry(key: string): CacheEntry {
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = {};
      this.#entries.set(key, entry);
    }
    return entry;
  }

  clear(): void {
    this.#entries.clear();
  }
}

export const sharedTokenCache = new TokenCache();

export type TokenResult =
  | {
      ok: true;
      accessToken: string;
      /** Whether the token came from the cache (a 401 with it is worth one fresh token). */
      fromCache: boolean;
      /** Values to scrub from anything kept: the token, the refresh tokens, the client secret. */
      secrets: string[];
      /** The environment's refresh token is stale: the vendor rotated it (in this run or an earlier one of this process). */
      refreshTokenRotated: boolean;
    }
  | { ok: false; kind: FailureKind; message: string; status?: number; secrets: string[] };

export interface TokenOptions {
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  cache: TokenCache;
  dispatcher?: Dispatcher;
  timeoutMs: number;
  maxBodyBytes: number;
  maxAttempts: number;
  backoff: BackoffOptions & { retryAfterCapMs: number };
  sleep: (ms: number) => Promise<void>;
}

/** The env var names an OAuth2 config reads, required ones first. */
function oauth2EnvNames(auth: OAuth2Auth): { required: string[]; optional: string[] } {
  if (auth.type === 'oauth2-client-credentials') return { required: [auth.clientIdEnv, auth.clientSecretEnv], optional: [] };
  return { required: [auth.refreshTokenEnv], optional: [auth.clientIdEnv, auth.clientSecretEnv].filter((n): n is string => n !== undefined) };
}

function cacheKey(auth: OAuth2Auth, env: TokenOptions['env']): string {
  const parts = [auth.type, auth.tokenUrl, ...oauth2EnvNames(auth).required.map((n) => env[n] ?? ''), ...oauth2EnvNames(auth).optional.map((n) => env[n] ?? '')];
  parts.push((auth.scopes ?? []).join(' '), auth.type === 'oauth2-client-credentials' ? (auth.audience ?? '') : '');
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

/** RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and base64-encoded. */
function basicCredentials(id: string, secret: string): string {
  const form = (s: string): string => encodeURIComponent(s).replace(/%20/g, '+');
  return Buffer.from(`${form(id)}:${form(secret)}`, 'utf8').toString('base64');
}

function credentialWords(auth: OAuth2Auth): string {
  if (auth.type === 'oauth2-client-credentials') return `the client credentials in $${auth.clientIdEnv} / $${auth.clientSecretEnv}`;
  return `the refresh token in $${auth.refreshTokenEnv}`;
}

function nextStep(auth: OAuth2Auth): string {
  if (auth.type === 'oauth2-client-credentials') return `check the client in the vendor's console and the values of $${auth.clientIdEnv} / $${auth.clientSecretEnv}`;
  return `it expired, was revoked or was rotated: authorise again and put the new refresh token in $${auth.refreshTokenEnv}`;
}

/** Reads `error` and `error_description` (RFC 6749 §5.2) from a token endpoint's refusal, shortened. */
function oauthError(bytes: Buffer): string {
  try {
    const body: unknown = JSON.parse(bytes.toString('utf8'));
    if (!isRecord(body)) return '';
    const code = typeof body.error === 'string' ? body.error.slice(0, 60) : '';
    const description = typeof body.error_description === 'string' ? `: ${body.error_description.slice(0, 160)}` : '';
    return code || description ? ` ${code}${description}` : '';
  } catch {
    return '';
  }
}

/**
 * A valid access token for `auth`: from the cache while it is fresh, else from the token endpoint (one request at a
 * time per credential). The refresh-token grant is never retried: with rotation, a replayed refresh may revoke the chain.
 */
export async function getAccessToken(auth: OAuth2Auth, options: TokenOptions): Promise<TokenResult> {
  const entry = options.cache.entry(cacheKey(auth, options.env));
  const envRefresh = auth.type === 'oauth2-refresh-token' ? options.env[auth.refreshTokenEnv] : undefined;
  const rotated = (): boolean => entry.rotatedRefreshToken !== undefined && entry.rotatedRefreshToken !== envRefresh;
  const nowMs = options.now().getTime();
  if (entry.grant && nowMs < entry.grant.refreshAtMs) {
    return { ok: true, accessToken: entry.grant.accessToken, fromCache: true, secrets: secretsOf(auth, options.env, entry), refreshTokenRotated: rotated() };
  }
  entry.pending ??= fetchToken(auth, options, entry).finally(() => {
    entry.pending = undefined;
  });
  return entry.pending;
}

/** Forgets the cached access token (the vendor refused it): the next call fetches a new one. */
export function forgetAccessToken(auth: OAuth2Auth, options: Pick<TokenOptions, 'env' | 'cache'>): void {
  delete options.cache.entry(cacheKey(auth, options.env)).grant;
}

function secretsOf(auth: OAuth2Auth, env: TokenOptions['env'], entry: CacheEntry): string[] {
  const secrets: string[] = [];
  const add = (value: string | undefined): void => {
    if (value !== undefined && value.length >= 4) secrets.push(value);
  };
  if (auth.type === 'oauth2-client-credentials') add(env[auth.clientSecretEnv]);
  else {
    add(env[auth.refreshTokenEnv]);
    if (auth.clientSecretEnv) add(env[auth.clientSecretEnv]);
  }
  add(entry.rotatedRefreshToken);
  add(entry.grant?.accessToken);
  return secrets;
}

async function fetchToken(auth: OAuth2Auth, options: TokenOptions, entry: CacheEntry): Promise<TokenResult> {
  const env = options.env;
  const form = new URLSearchParams();
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/x-www-form-urlencoded',
    'user-agent': 'driftwatch',
  };
  const clientId = auth.clientIdEnv ? env[auth.clientIdEnv] : undefined;
  const clientSecret = auth.clientSecretEnv ? env[auth.clientSecretEnv] : undefined;
  const refreshToken = auth.type === 'oauth2-refresh-token' ? (entry.rotatedRefreshToken ?? env[auth.refreshTokenEnv]) : undefined;
  if (auth.type === 'oauth2-client-credentials') form.set('grant_type', 'client_credentials');
  else {
    form.set('grant_type', 'refresh_token');
    form.set('refresh_token', refreshToken ?? '');
  }
  if (auth.scopes && auth.scopes.length > 0) form.set('scope', auth.scopes.join(' '));
  if (auth.type === 'oauth2-client-credentials' && auth.audience) form.set('audience', auth.audience);
  if (clientId !== undefined && clientSecret !== undefined && auth.clientAuth === 'basic') {
    headers.authorization = `Basic ${basicCredentials(clientId, clientSecret)}`;
  } else if (clientId !== undefined) {
    form.set('client_id', clientId);
    if (clientSecret !== undefined) form.set('client_secret', clientSecret);
  }

  const secrets = (): string[] => [...secretsOf(auth, env, entry), ...(refreshToken && refreshToken.length >= 4 ? [refreshToken] : [])];
  const where = redactUrl(`${new URL(auth.tokenUrl).origin}${new URL(auth.tokenUrl).pathname}`, [], secrets());
  const fail = (kind: FailureKind, message: string, status?: number): TokenResult => ({
    ok: false,
    kind,
    message: redactText(`token endpoint ${where}: ${message}`, secrets()),
    ...(status !== undefined ? { status } : {}),
    secrets: secrets(),
  });
  const retries = auth.type === 'oauth2-client-credentials' ? Math.max(1, options.maxAttempts) : 1;

  for (let attempt = 1; ; attempt++) {
    const started = options.now().getTime();
    const result = await attemptOnce({
      url: new URL(auth.tokenUrl),
      method: 'POST',
      headers,
      body: form.toString(),
      authQuery: {},
      readAuthFailures: true,
      timeoutMs: options.timeoutMs,
      maxBodyBytes: Math.min(options.maxBodyBytes, 1024 * 1024),
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
    if (!result.ok) {
      if (result.failure.retryable && attempt < retries) {
        await options.sleep(retryDelay(attempt, result.failure.retryAfter, { ...options.backoff, now: options.now() }));
        continue;
      }
      return fail(result.failure.kind, result.failure.message, result.failure.status);
    }
    const { status, bytes } = result.exchange;
    // RFC 6749 §5.2: a refused grant or client is 400 (invalid_grant, invalid_client...) or 401; 403 from gateways.
    if (status === 400 || status === 401 || status === 403) {
      return fail('auth-rejected', `refused ${credentialWords(auth)} (${status}${oauthError(bytes)}): ${nextStep(auth)}`, status);
    }
    if (status !== 200) return fail('http-status', `answered ${status} instead of a token`, status);
    let body: JsonValue;
    try {
      body = JSON.parse(bytes.toString('utf8')) as JsonValue;
    } catch {
      return fail('vendor-error', 'answered 200 with a body that is not JSON instead of a token', status);
    }
    if (!isRecord(body) || typeof body.access_token !== 'string' || body.access_token === '') {
      return fail('vendor-error', 'answered 200 without an access_token', status);
    }
    const lifetimeMs = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in * 1000 : DEFAULT_TOKEN_LIFETIME_MS;
    const margin = Math.min(REFRESH_MARGIN_MS, lifetimeMs * 0.1);
    entry.grant = { accessToken: body.access_token, refreshAtMs: started + lifetimeMs - margin };
    // RFC 6749 §6: the server MAY issue a new refresh token, and then MAY revoke the old one.
    if (auth.type === 'oauth2-refresh-token' && typeof body.refresh_token === 'string' && body.refresh_token !== '' && body.refresh_token !== refreshToken) {
      entry.rotatedRefreshToken = body.refresh_token;
    }
    const envRefresh = auth.type === 'oauth2-refresh-token' ? env[auth.refreshTokenEnv] : undefined;
    return {
      ok: true,
      accessToken: body.access_token,
      fromCache: false,
      secrets: secrets(),
      refreshTokenRotated: entry.rotatedRefreshToken !== undefined && entry.rotatedRefreshToken !== envRefresh,
    };
  }
}
