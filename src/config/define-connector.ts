// defineConnector(): a connector written in code, checked by the same schema as connector.yaml, defaults filled.
import { dirname } from 'node:path';
import type { BodyLimits, Connector, HttpMethod, JsonObject, JsonValue, MtlsAuth, OAuth2ClientCredentialsAuth, OAuth2RefreshTokenAuth, SignatureScheme } from '../core/model.js';
import { ConfigError } from './errors.js';
import { validateConnector } from './validate-connector.js';

/** An endpoint as written: only `id` and `path` are required. */
export interface EndpointInput {
  id: string;
  /** `graphql`: `query` is a GraphQL document sent with POST, `variables` its variables (default `rest`). */
  kind?: 'rest' | 'graphql';
  /** Default GET. */
  method?: HttpMethod;
  /** Must start with `/`; appended to the connector's baseUrl. */
  path: string;
  /** URL query parameters; for `kind: graphql`, the GraphQL document (one operation). */
  query?: Record<string, string | number | boolean> | string;
  /** `kind: graphql` only: the operation's variables (literals, like bodies). */
  variables?: JsonObject;
  headers?: Record<string, string | number | boolean>;
  /** Default 200. */
  expectStatus?: number;
  /** Required (true) for POST, PUT, PATCH and DELETE to be sent at all; default false. */
  safe?: boolean;
  /** Literal body: a JSON value (sent as JSON) or a string (sent as is). No `${ENV}` interpolation. */
  body?: JsonValue;
  /** Default `application/json` when there is a body. */
  contentType?: string;
  /** Requests per run (default 1). */
  samples?: number;
  /** Pages to follow, first included (default 1); needs `paginate`. */
  pages?: number;
  /** `link` (the `Link: rel="next"` header) or a cursor read from the body. */
  paginate?: 'link' | { cursor: string; param: string; hasMore?: string };
  /** More query sets (and bodies) to sample; `name` defaults to the query as `key=value&...`. */
  variants?: Array<{ name?: string; query: Record<string, string | number | boolean>; body?: JsonValue }>;
}

/** Auth as written: `clientAuth` may be left out (default `basic`). */
export type AuthInput =
  | { type: 'none' }
  | { type: 'bearer'; tokenEnv: string; expiresAt?: string }
  | { type: 'header'; headerName: string; valueEnv: string; expiresAt?: string }
  | { type: 'query'; param: string; valueEnv: string; expiresAt?: string }
  | { type: 'basic'; usernameEnv: string; passwordEnv: string; expiresAt?: string }
  | (Omit<OAuth2ClientCredentialsAuth, 'clientAuth'> & { clientAuth?: 'basic' | 'body' })
  | (Omit<OAuth2RefreshTokenAuth, 'clientAuth'> & { clientAuth?: 'basic' | 'body' })
  | MtlsAuth;

/** The `events:` section as written: `typeField` defaults to `type`, no signature check unless `signature` says. */
export interface EventsInput {
  typeField?: string;
  signature?: { scheme: SignatureScheme; header?: string; secretEnv?: string; toleranceSeconds?: number };
}

/** Settings validation fills with a default when they are left out. */
type Defaulted = 'timeoutMs' | 'maxBodyBytes' | 'concurrency' | 'errorEnvelope' | 'sunsetWarnDays' | 'severity' | 'ignore';
/** Settings written in a shorter form than the normalised one. */
type WrittenShort = 'auth' | 'limits' | 'specAllow' | 'endpoints' | 'pact' | 'events';
/** What loading adds: where the connector was read from. */
type FromLoading = 'dir' | 'file' | 'lines';

/**
 * A connector as people write it (connector.yaml or code): derived from `Connector`, so a new setting is declared once;
 * defaulted settings optional, short forms as written. Defaults: 10 000 ms timeout, 20 MiB bodies, 4 requests in
 * flight, `[$.error]` as the error envelope, a 30-day sunset warning, no overrides, no ignore entries.
 */
export type ConnectorInput = Omit<Connector, Defaulted | WrittenShort | FromLoading> &
  Partial<Pick<Connector, Defaulted>> & {
    /** Default `{ type: 'none' }`. */
    auth?: AuthInput;
    /** Bounds on a parsed body (defaults: depth 256, 100 000 keys per object, 2 000 000 values). */
    limits?: Partial<BodyLimits>;
    specAllow?: { hosts?: string[]; folders?: string[] };
    endpoints: EndpointInput[];
    /** `liveUnsafe`: interaction descriptions with unsafe methods that `verify --live` may send. */
    pact?: { liveUnsafe?: string[] };
    /** The webhook deliveries the connector receives (`driftwatch receive` / `ingest`); docs/webhooks.md. */
    events?: EventsInput;
  };

/**
 * Validates a connector written in code and returns it normalised. Throws ConfigError (with
 * `.problems`) when invalid: in code, a bad connector is a programming error at startup.
 */
export function defineConnector(input: ConnectorInput, where?: { file?: string; dir?: string }): Connector {
  const file = where?.file ?? '';
  // Only an explicit dir holds `name` to the folder name: a file alone may live anywhere in a codebase.
  const result = validateConnector(input, {
    file: file === '' ? '<defineConnector>' : file,
    ...(where?.dir !== undefined ? { dir: where.dir } : {}),
  });
  if (!result.connector) throw new ConfigError(result.problems);
  return { ...result.connector, file, dir: where?.dir ?? (file === '' ? '' : dirname(file)) };
}
