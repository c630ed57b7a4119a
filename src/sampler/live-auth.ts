// Credentials for a tool that sends its own requests to the vendor (`verify --live`): the same auth session as
// sampling (static keys, OAuth2 tokens from the cache or the token URL, the mTLS client certificate through a proxy).
import type { Connector, FailureKind } from '../core/model.js';
import { redactText } from '../core/redact.js';
import { startClientTlsProxy, type Unreached } from './client-tls-proxy.js';
import type { TokenCache } from './oauth2.js';
import { openSamplingContext } from './sample-endpoint.js';

export interface LiveAuth {
  /** Where the tool sends its requests: the vendor's base URL, or the local proxy presenting the client certificate. */
  baseUrl: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  /** Every value to scrub from what the tool reports. */
  secrets: string[];
  /** Requests that never reached the vendor (the mTLS proxy could not connect): their verdicts say nothing about it. */
  unreached(): Unreached[];
  close(): Promise<void>;
}

export type LiveAuthOpened = { ok: true; auth: LiveAuth } | { ok: false; kind: FailureKind; message: string };

export interface LiveAuthOptions {
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  tokenCache?: TokenCache;
}

/**
 * Prepares the connector's credentials once, as the sampler would: a missing variable, a refused token request or an
 * unusable client certificate is a failure with the sampler's words (naming env vars, never values), and nothing is sent.
 */
export async function openLiveAuth(connector: Connector, options: LiveAuthOptions): Promise<LiveAuthOpened> {
  const ctx = openSamplingContext(connector, { env: options.env, now: options.now, ...(options.tokenCache ? { tokenCache: options.tokenCache } : {}) });
  const prepared = await ctx.auth.prepare();
  if (!prepared.ok) {
    await ctx.auth.close();
    return { ok: false, kind: prepared.kind, message: redactText(prepared.message, prepared.secrets) };
  }
  const { headers, query, secrets, dispatcher } = prepared.auth;
  // Only mTLS brings its own agent: the tool cannot present the certificate, so it talks to a proxy that does.
  const proxy =
    connector.auth.type === 'mtls' && dispatcher !== undefined
      ? await startClientTlsProxy({ target: connector.baseUrl, dispatcher, timeoutMs: connector.timeoutMs, secrets })
      : undefined;
  return {
    ok: true,
    auth: {
      baseUrl: proxy?.baseUrl ?? connector.baseUrl,
      headers,
      query,
      secrets,
      unreached: () =>
        (proxy?.unreached ?? []).map((u) => ({
          ...u,
          // Under TLS 1.3 a vendor refusing the client certificate just closes the connection after the handshake.
          message: connector.auth.type === 'mtls' ? `${u.message}; with mTLS this is also how a vendor refuses the client certificate in $${connector.auth.certEnv}` : u.message,
        })),
      close: async () => {
        await proxy?.close();
        await ctx.auth.close();
      },
    },
  };
}
