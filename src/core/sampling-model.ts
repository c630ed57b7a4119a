// Types of how driftwatch samples a vendor: auth flows, pagination, variants, body limits and vendor signals.
import type { JsonObject, JsonValue } from './model.js';

/** OAuth2 client credentials (RFC 6749 §4.4): a short-lived access token fetched from `tokenUrl`, kept in memory only. */
export interface OAuth2ClientCredentialsAuth {
  type: 'oauth2-client-credentials';
  tokenUrl: string;
  clientIdEnv: string;
  clientSecretEnv: string;
  scopes?: string[];
  audience?: string;
  /** How the client authenticates at the token endpoint: HTTP Basic (the RFC's default) or form fields. */
  clientAuth: 'basic' | 'body';
  expiresAt?: string;
}

/** OAuth2 refresh token (RFC 6749 §6): access tokens minted from a long-lived refresh token the vendor may rotate. */
export interface OAuth2RefreshTokenAuth {
  type: 'oauth2-refresh-token';
  tokenUrl: string;
  refreshTokenEnv: string;
  clientIdEnv?: string;
  clientSecretEnv?: string;
  scopes?: string[];
  clientAuth: 'basic' | 'body';
  expiresAt?: string;
}

/** Mutual TLS: a client certificate and key, each an env var holding a PEM value or a file path. */
export interface MtlsAuth {
  type: 'mtls';
  certEnv: string;
  keyEnv: string;
  passphraseEnv?: string;
  /** The vendor's private CA (PEM or path), when its server certificate is not publicly trusted. */
  caEnv?: string;
  expiresAt?: string;
}

/** How the next page is found: the `Link: <...>; rel="next"` header, or a cursor read from the body. */
export type PaginationConfig =
  | { style: 'link' }
  | {
      style: 'cursor';
      /** Where the next cursor is in the body (`$.meta.next_cursor`, `$.data[-1].id`). */
      cursor: string;
      /** The query parameter that carries it on the next request. */
      param: string;
      /** A boolean in the body that says whether there is a next page (`$.has_more`). */
      hasMore?: string;
    };

/** One more query set (and body) for an endpoint, so rare shapes (a refunded invoice) enter the evidence. */
export interface EndpointVariant {
  name: string;
  query: Record<string, string>;
  body?: JsonValue;
}

/** Bounds on a parsed response body; past any of them the endpoint fails `too-complex` instead of being inferred. */
export interface BodyLimits {
  maxDepth: number;
  /** Keys in any one object. */
  maxKeys: number;
  /** Values in the whole body (objects, arrays and scalars). */
  maxNodes: number;
}

/**
 * Early warnings a vendor sends with a response: `Deprecation` (RFC 9745 `@epoch`, or the older `true` / HTTP-date
 * forms), `Sunset` (RFC 8594 HTTP-date) and `Link` relations `deprecation` / `sunset` (documentation URLs).
 * Dates are ISO timestamps; `raw` keeps an unreadable header value so it can be reported.
 */
export interface VendorSignals {
  deprecation?: { date?: string; link?: string; raw?: string };
  sunset?: { date?: string; link?: string; raw?: string };
}

export interface AuthNote {
  /** The token endpoint answered a refresh with a new refresh token: the one in `env` is stale (value never kept). */
  refreshTokenRotated?: { env: string };
}

/**
 * A GraphQL endpoint (`kind: graphql`): one operation sent as `{ query, variables, operationName }` with POST. Its
 * `data` is the payload judged against the snapshot; its `errors` make the sample a `graphql-errors` failure.
 */
export interface GraphqlRequest {
  query: string;
  variables?: JsonObject;
  /** Subscriptions are refused by the config: they cannot be sampled with one request. */
  operation: 'query' | 'mutation';
  operationName?: string;
}
