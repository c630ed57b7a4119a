// One connector's credentials for one run: static headers, an OAuth2 token from the cache or the token URL, an mTLS agent.
import type { Dispatcher } from 'undici';
import type { AuthNote, Connector, FailureKind } from '../core/model.js';
import { resolveAuth } from './auth.js';
import { clientTlsAgent, loadClientTls } from './mtls.js';
import { forgetAccessToken, getAccessToken, type OAuth2Auth, type TokenOptions } from './oauth2.js';

export interface PreparedAuth {
  headers: Record<string, string>;
  query: Record<string, string>;
  /** Every value to scrub from what is kept: static secrets, the access token, refresh tokens, the client key. */
  secrets: string[];
  secretParams: string[];
  /** The agent presenting the client certificate (mTLS), else the caller's. */
  dispatcher?: Dispatcher;
  /** The access token came from the cache: a 401 with it earns one retry with a fresh token. */
  cachedToken: boolean;
  note?: AuthNote;
}

export type AuthPrepared = { ok: true; auth: PreparedAuth } | { ok: false; kind: FailureKind; message: string; status?: number; secrets: string[] };

export interface AuthSession {
  prepare(): Promise<AuthPrepared>;
  /** The vendor refused a cached token: the next prepare() fetches a new one. */
  forgetToken(): void;
  close(): Promise<void>;
}

export type SessionOptions = Omit<TokenOptions, 'timeoutMs' | 'maxBodyBytes'>;

function isOAuth2(auth: Connector['auth']): auth is OAuth2Auth {
  return auth.type === 'oauth2-client-credentials' || auth.type === 'oauth2-refresh-token';
}

/**
 * Opens the session; nothing is fetched until the first prepare(). A token endpoint refusal is remembered for the
 * rest of the run, so fifty endpoints make one token request, not fifty.
 */
export function openAuthSession(connector: Connector, options: SessionOptions): AuthSession {
  const auth = connector.auth;
  let agent: Dispatcher | undefined;
  let agentFailure: AuthPrepared | undefined;
  let tokenFailure: AuthPrepared | undefined;
  const tokenOptions: TokenOptions = { ...options, timeoutMs: connector.timeoutMs, maxBodyBytes: connector.maxBodyBytes };

  return {
    async prepare(): Promise<AuthPrepared> {
      const base = resolveAuth(auth, options.env);
      if (!base.ok) {
        const names = base.missing.join(', ');
        const plural = base.missing.length > 1;
        return {
          ok: false,
          kind: 'auth-missing',
          message: `environment variable${plural ? 's' : ''} ${names} ${plural ? 'are' : 'is'} not set (${auth.type} auth): no request made`,
          secrets: [],
        };
      }
      const prepared: PreparedAuth = {
        headers: { ...base.headers },
        query: { ...base.query },
        secrets: [...base.secrets],
        secretParams: [...base.secretParams],
        cachedToken: false,
        ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      };
      if (auth.type === 'mtls') {
        if (agentFailure) return agentFailure;
        const tls = loadClientTls(auth, options.env);
        if (!tls.ok) {
          agentFailure = { ok: false, kind: 'config', message: `mTLS: ${tls.message}: no request made`, secrets: prepared.secrets };
          return agentFailure;
        }
        agent ??= clientTlsAgent(tls);
        prepared.dispatcher = agent;
        prepared.secrets.push(...tls.secrets);
      }
      if (isOAuth2(auth)) {
        if (tokenFailure) return tokenFailure;
        const token = await getAccessToken(auth, tokenOptions);
        if (!token.ok) {
          // Operational trouble at the token endpoint may pass; a refusal will not within this run.
          const failure: AuthPrepared = { ok: false, kind: token.kind, message: token.message, ...(token.status !== undefined ? { status: token.status } : {}), secrets: token.secrets };
          tokenFailure = failure;
          return failure;
        }
        prepared.headers.authorization = `Bearer ${token.accessToken}`;
        prepared.secrets.push(...token.secrets);
        prepared.cachedToken = token.fromCache;
        if (token.refreshTokenRotated && auth.type === 'oauth2-refresh-token') prepared.note = { refreshTokenRotated: { env: auth.refreshTokenEnv } };
      }
      return { ok: true, auth: prepared };
    },
    forgetToken(): void {
      if (isOAuth2(auth)) forgetAccessToken(auth, tokenOptions);
    },
    async close(): Promise<void> {
      if (agent) await agent.close();
    },
  };
}
