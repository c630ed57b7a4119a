// defineConnector(): a connector written in code, checked by the same schema as connector.yaml, defaults filled.
import { dirname } from 'node:path';
import type { Connector, HttpMethod, IgnoreEntry, JsonObject, JsonValue, MtlsAuth, OAuth2ClientCredentialsAuth, OAuth2RefreshTokenAuth, OwnerRef, Severity, SignatureScheme } from '../core/model.js';
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

/** A connector as people write it (connector.yaml or code): optional fields optional, no defaults filled. */
export interface ConnectorInput {
  name: string;
  vendor?: string;
  description?: string;
  owner: OwnerRef;
  dataOwner?: string;
  runbook?: string;
  businessProcess?: string;
  failureMode?: string;
  baseUrl: string;
  /** Default 10 000. */
  timeoutMs?: number;
  /** Default 20 MiB. */
  maxBodyBytes?: number;
  /** Default 4. */
  concurrency?: number;
  /** Default `{ type: 'none' }`. */
  auth?: AuthInput;
  /** Bounds on a parsed body (defaults: depth 256, 100 000 keys per object, 2 000 000 values). */
  limits?: { maxDepth?: number; maxKeys?: number; maxNodes?: number };
  /** Body paths that mark the vendor's error envelope in a 2xx answer (default `[$.error]`; `[]` turns it off). */
  errorEnvelope?: string[];
  /** Days before a `Sunset` date when the signal turns breaking (default 30). */
  sunsetWarnDays?: number;
  schedule?: string;
  timezone?: string;
  spec?: string;
  /** Fetch the spec (and its `$ref`s) over http and from private, loopback or link-local addresses (default false). */
  allowInsecureSpec?: boolean;
  /** Hosts a remote spec may come from despite http or a private address; folders (relative to the root) outside it. */
  specAllow?: { hosts?: string[]; folders?: string[] };
  endpoints: EndpointInput[];
  severity?: Record<string, Severity>;
  ignore?: IgnoreEntry[];
  /** The webhook deliveries the connector receives (`driftwatch receive` / `ingest`); docs/webhooks.md. */
  events?: EventsInput;
  /** `liveUnsafe`: interaction descriptions with unsafe methods that `verify --live` may send. */
  pact?: { liveUnsafe?: string[] };
}

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
