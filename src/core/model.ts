// The vocabulary of driftwatch: connectors, samples, shapes, deltas, changes. Types only, no behaviour.
// Over 300 lines: the shared vocabulary in one place, so every layer reads the same words (types only).
import type { AuthNote, BodyLimits, EndpointVariant, GraphqlRequest, MtlsAuth, OAuth2ClientCredentialsAuth, OAuth2RefreshTokenAuth, PaginationConfig, VendorSignals } from './sampling-model.js';

export type * from './sampling-model.js';

export type Severity = 'breaking' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['breaking', 'warning', 'info'];

export type { JsonObject, JsonType, JsonValue } from './json.js';
import type { JsonType, JsonValue } from './json.js';
export type { Delta, DeltaKind, DeltaLocation, DeltaOf } from './deltas.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

// ---------------------------------------------------------------------------------------------
// Connectors: what people write (ConnectorInput, validated by src/config) and what the code uses
// (Connector, every default filled in).

export interface OwnerRef {
  name: string;
  slack?: string;
  email?: string;
  /** Name of the env var holding this owner's Slack incoming-webhook URL. Never the URL itself. */
  slackWebhookEnv?: string;
}

/** Auth is described by the *names* of environment variables; secrets never live in files. */
export type AuthConfig =
  | { type: 'none' }
  | { type: 'bearer'; tokenEnv: string; expiresAt?: string }
  | { type: 'header'; headerName: string; valueEnv: string; expiresAt?: string }
  | { type: 'query'; param: string; valueEnv: string; expiresAt?: string }
  | { type: 'basic'; usernameEnv: string; passwordEnv: string; expiresAt?: string }
  | OAuth2ClientCredentialsAuth
  | OAuth2RefreshTokenAuth
  | MtlsAuth;

export interface EndpointConfig {
  id: string;
  method: HttpMethod;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  expectStatus: number;
  /** An unsafe method (POST, PUT, PATCH, DELETE) is only sent when the endpoint says it is safe (a POST search). */
  safe: boolean;
  /** Literal request body (no env interpolation): a JSON value, or a string sent as is. */
  body?: JsonValue;
  contentType?: string;
  /** Requests per run for the base query and for each variant. */
  samples: number;
  /** Pages followed per request, first included (1 = no pagination). */
  pages: number;
  paginate?: PaginationConfig;
  variants: EndpointVariant[];
  /** Set for `kind: graphql` endpoints (method POST, the body built from it). */
  graphql?: GraphqlRequest;
}

/** A known change accepted on purpose: still recorded, shown as suppressed, until it expires. */
export interface IgnoreEntry {
  rule: string;
  /** JSONPath, `*` globs allowed. */
  path: string;
  reason: string;
  acceptedBy?: string;
  /** ISO date (YYYY-MM-DD); past it, the entry no longer suppresses. */
  expires?: string;
}

export interface PactSettings {
  /** Descriptions of pact interactions with unsafe methods (POST...) that `verify --live` may send to the vendor. */
  liveUnsafe: string[];
}

/** How a vendor signs its webhook deliveries; the secret is named by its env var, never written. */
export type SignatureScheme = 'hmac-sha256' | 'stripe' | 'github' | 'none';

/** The webhook deliveries a connector receives: where each names its type, and how it is signed. */
export interface EventsConfig {
  /** Body path of the event type (default `type`): one baseline per type. */
  typeField: string;
  signature?: { scheme: SignatureScheme; header: string; secretEnv?: string; toleranceSeconds: number };
}

export interface Connector {
  name: string;
  vendor?: string;
  description?: string;
  owner: OwnerRef;
  dataOwner?: string;
  runbook?: string;
  businessProcess?: string;
  failureMode?: string;
  baseUrl: string;
  timeoutMs: number;
  /** Response bodies larger than this end the read with a `too-large` failure. */
  maxBodyBytes: number;
  /** At most this many requests in flight to this vendor at once. */
  concurrency: number;
  auth: AuthConfig;
  /** Depth, width and size bounds applied to every parsed body. */
  limits: BodyLimits;
  /** Paths whose presence (non-null) in a 2xx body marks the vendor's error envelope: a `vendor-error`, not a shape. */
  errorEnvelope: string[];
  /** A `Sunset` date closer than this many days makes the signal breaking. */
  sunsetWarnDays: number;
  schedule?: string;
  timezone?: string;
  spec?: string;
  /** The spec (and its `$ref`s) may be fetched over http and from private, loopback or link-local addresses. */
  allowInsecureSpec?: boolean;
  /** Hosts a remote spec may come from despite http or a private address; folders outside the root local specs may read. */
  specAllow?: { hosts: string[]; folders: string[] };
  endpoints: EndpointConfig[];
  /** Per-rule severity overrides: the consumer decides what matters to it. */
  severity: Record<string, Severity>;
  ignore: IgnoreEntry[];
  /** How `driftwatch verify` may use the consumer's pacts against this vendor. */
  pact?: PactSettings;
  /** Webhook deliveries (`driftwatch receive` / `ingest`), when the connector receives any. */
  events?: EventsConfig;
  /** Absolute folder of the connector (contracts/<name>) and its connector.yaml. */
  dir: string;
  file: string;
  /** Where in `file` (1-based lines) the connector and each endpoint (by id) are written: outputs point there (SARIF). */
  lines?: { connector: number; endpoints: Record<string, number> };
}

/** A problem with user input (a connector file, a spec): data, not an exception. */
export interface ConfigProblem {
  file: string;
  line?: number;
  col?: number;
  /** Where in the document, e.g. `endpoints[0].path`. */
  at?: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Samples: one live response, or a classified failure to get one.

export interface Sample {
  connector: string;
  endpoint: string;
  method: HttpMethod;
  /** The URL requested, with secret query values redacted. */
  url: string;
  status: number;
  contentType: string | null;
  /** Only headers that matter for drift, with secret values redacted. */
  headers: Record<string, string>;
  latencyMs: number;
  sizeBytes: number;
  /** sha256 of the raw body bytes: lets the store tell "same answer" without keeping the body. */
  bodyHash: string;
  /** Parsed, redacted body. */
  body: JsonValue;
  takenAt: string;
  attempts: number;
  /** The variant that produced it, when the endpoint has `variants`. */
  variant?: string;
  /** 1-based page number, when the endpoint paginates. */
  page?: number;
  /** Deprecation and sunset announced by the vendor in this response's headers. */
  signals?: VendorSignals;
  /** Something the auth flow learned while taking it (never a secret value). */
  authNote?: AuthNote;
}

export type FailureKind =
  | 'timeout'
  | 'connection'
  | 'tls'
  | 'http-status'
  | 'auth-rejected'
  | 'auth-missing'
  | 'invalid-json'
  | 'content-type'
  | 'too-large'
  | 'redirect'
  | 'circuit-open'
  | 'config'
  /** An answer shaped like an outage: an empty or `null` 2xx body, or the connector's error envelope. */
  | 'vendor-error'
  /** A body past the connector's depth, width or size limits. */
  | 'too-complex'
  /** A GraphQL answer with `errors` (the query no longer validates, a resolver failed): its messages, not a shape. */
  | 'graphql-errors';

export interface SampleFailure {
  connector: string;
  endpoint: string;
  kind: FailureKind;
  /** Human text, already free of secrets. */
  message: string;
  status?: number;
  latencyMs: number;
  attempts: number;
  takenAt: string;
  variant?: string;
  page?: number;
}

export type SampleOutcome = { ok: true; sample: Sample } | { ok: false; failure: SampleFailure };

// ---------------------------------------------------------------------------------------------
// Shapes: the inferred JSON Schema (2020-12) of an endpoint's response body, annotated with evidence.

export interface ShapeSchema {
  /** One type, or several (sorted) when values of several types were seen; 'null' marks nullability. */
  type?: JsonType | JsonType[];
  format?: string;
  properties?: Record<string, ShapeSchema>;
  /** Properties present in every object seen. */
  required?: string[];
  items?: ShapeSchema;
  /** A dictionary (`x-map`): the one shape of its values, whatever the keys. */
  additionalProperties?: ShapeSchema;
  /** An object whose keys are data, not fields (more distinct keys than the policy's `mapKeys`). */
  'x-map'?: boolean;
  /** How many values were observed at this node. */
  'x-seen'?: number;
  /** On a property: in how many of the parent's objects the key was present. */
  'x-present'?: number;
  /** Observed values of a low-cardinality string field, sorted. */
  'x-values'?: string[];
  /** How many of the values seen here were null (written only when some were). */
  'x-nulls'?: number;
  /** Learned baselines only: consecutive parent objects without this property since it was last seen. */
  'x-absent'?: number;
  /** Learned baselines only: the current absence streak was reported as a removal. */
  'x-reported'?: boolean;
  /** Learned baselines only: parent objects left out of this property's presence rate (a reported, reverted removal). */
  'x-excused'?: number;
  /**
   * Learned baselines only: novelty seen but not yet evidence enough (first nulls, values new to a closed set, values
   * without the learned format), held out of the baseline and counted until it is (then reported) or forever.
   */
  'x-pending'?: PendingNovelty;
  /** Fresh samples only (never kept): string values seen here, and how many matched each format. */
  'x-strings'?: number;
  'x-format-hits'?: Record<string, number>;
  'x-value-counts'?: Record<string, number>;
}

/**
 * Novelty held out of a learned baseline: how many values the baseline had when it first showed (the evidence it is
 * judged against), how many were seen since, and how many of those were new.
 */
export interface PendingNovelty {
  before: number;
  seen: number;
  nulls?: number;
  misses?: number;
  values?: Record<string, number>;
  /** Of `seen`, how many came after the window's novelty last showed: the evidence that it stopped. */
  quiet?: number;
}

/** The accepted shape of one endpoint: `snapshots/<connector>/<endpoint>.json`. */
export interface Snapshot {
  connector: string;
  endpoint: string;
  request: { method: HttpMethod; path: string };
  response: { status: number; contentType: string | null };
  /** How many samples the shape was inferred from. */
  samples: number;
  acceptedAt: string;
  schema: ShapeSchema & { $schema?: string };
  /** One redacted example body, trimmed (arrays cut to a few items). */
  example?: JsonValue;
}

// ---------------------------------------------------------------------------------------------
// Findings: one vendor change at one place, with the evidence of every source that saw it. Only the core makes them
// (src/core/classify.ts), with one fingerprint and one severity policy (src/core/policy.ts).

/** Who saw a change: the learned baseline, the vendor's spec, old spec vs new, a consumer pact, and so on. */
export type EvidenceSource = 'snapshot' | 'event' | 'spec' | 'spec-diff' | 'pact' | 'auth' | 'ownership' | 'signal' | 'graphql' | 'availability';

/** What one source saw about a finding, in its own words. */
export interface Evidence {
  source: EvidenceSource;
  message: string;
  /** The pact interaction, spec operation or event type this source saw it through. */
  where?: string;
}

export interface Suppression {
  reason: string;
  acceptedBy?: string;
  expires?: string;
}

export interface Finding {
  connector: string;
  /** The place: an endpoint id, an operation (`GET /v1/x`), an event type (`event:invoice.paid`), or `*` (connector-wide). */
  endpoint: string;
  rule: string;
  severity: Severity;
  path: string;
  before?: JsonValue;
  after?: JsonValue;
  message: string;
  /** Every source that saw this change, most direct first (the first one's words are the message). */
  evidence: Evidence[];
  /** Stable id of (connector, place, rule, path), whichever source saw it first: the drift key in the store. */
  fingerprint: string;
  /** Whether a consumer contract pins what the change touches (set when the connector has pacts). */
  pinned?: boolean;
  /** A change inside a shared spec component (`endpoint` is the component): the operations it reaches. */
  reaches?: string[];
  /** Accepted on purpose through an `ignore:` entry: listed, not counted. */
  suppressed?: Suppression;
  /**
   * Settled by `driftwatch accept` (the drift is accepted and the vendor still sends what was accepted): listed, not
   * counted. Never set when a consumer contract is broken: accepting what the vendor sends does not mend a contract.
   */
  accepted?: { at: string };
}

export interface ScanError {
  connector: string;
  endpoint: string;
  /** `internal`: driftwatch itself failed on the connector (a defect, the store): nothing of it was checked. */
  kind: FailureKind | 'no-snapshot' | 'spec' | 'internal';
  message: string;
}

export interface SeverityCounts {
  breaking: number;
  warning: number;
  info: number;
}
