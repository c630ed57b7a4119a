// Deltas: what a source saw change, typed by kind and with no judgement. Rules (src/core/rules) decide whether it matters.
//
// Each family below names its producers. A rule listens to exactly one kind (`on`), so `tsc` refuses a rule for a kind
// that is not in this union, and test/core/catalogue.test.ts fails when a kind in it has no producer in src/. Over
// 300 lines on purpose: every family lives in this one file, where the catalogue test reads the kinds.
import type { JsonType, JsonValue } from './json.js';

/** Where in an exchange a delta sits: a response (or a webhook payload) is what we read, a request is what we send. */
export type DeltaLocation = 'response' | 'request' | 'operation' | 'auth' | 'ownership' | 'contract' | 'signal' | 'graphql' | 'availability';

interface At<K extends string, L extends DeltaLocation> {
  kind: K;
  location: L;
  /** JSONPath into the body (`$.data[*].amount_due`), or a place such as `status`, `auth.API_KEY`, `owner`. */
  path: string;
}

/**
 * Evidence about a property's presence, from the learned baseline and this run. `present`/`seen` count the parent
 * objects before the current absence streak; `absent` counts consecutive objects without it up to now (this run's
 * included); `absentNow`/`seenNow` are this run's share.
 */
export interface PresenceEvidence {
  present: number;
  seen: number;
  absent: number;
  absentNow: number;
  seenNow: number;
}

// ---------------------------------------------------------------------------------------------
// The response's shape. Producers: the snapshot check (src/core/diff.ts), the event check (webhook payloads), and
// the spec check, which states the vendor's own contract in the same kinds (`documented: true`), so one change seen
// by both is one finding.

/** How a source that is not the learned baseline states the expectation: the spec documents it, a pact pins it. */
export interface Stated {
  /**
   * `spec`: the vendor's spec documents `before`; `pact`: the named interaction expects it; `graphql`: the vendor's
   * GraphQL schema changed the field the connector's query reads there.
   */
  by?: 'spec' | 'pact' | 'graphql';
  /** The pact interaction, spec operation or schema coordinate that states it. */
  where?: string;
}

export interface StatusChanged extends At<'status-changed', 'response'>, Stated {
  /** Statuses accepted (snapshot) or documented (spec). */
  before: number[];
  after: number;
}
export interface ContentTypeChanged extends At<'content-type-changed', 'response'>, Stated {
  before: string[];
  after: string | null;
}
export interface TypeChanged extends At<'type-changed', 'response'>, Stated {
  before: JsonType[];
  after: JsonType[];
}
export interface ItemsTypeChanged extends At<'items-type-changed', 'response'>, Stated {
  before: JsonType[];
  after: JsonType[];
}
export interface BecameNullable extends At<'became-nullable', 'response'>, Stated {
  before: JsonType[];
  after: JsonType[];
  /** Non-null values seen before and null values now: absent when a spec or pact states it. */
  values?: { nonNull: number; nullNow: number; seenNow: number };
}
export interface FormatChanged extends At<'format-changed', 'response'>, Stated {
  before: string;
  after: string | null;
  /** Values that carried the old format before, and this run's values without it (absent when stated). */
  values?: { matched: number; otherNow: number; seenNow: number };
}
export interface EnumValueAdded extends At<'enum-value-added', 'response'>, Stated {
  /** The known (accepted or documented) values. */
  before: string[];
  /** The values never seen before. */
  after: string[];
  /**
   * The evidence (absent when stated): how many values the known set was learned from, how many distinct, the longest,
   * and how often the new values came in this run's values.
   */
  evidence?: { observations: number; distinct: number; longest: number; format?: string; newNow: number; seenNow: number };
}
export interface PropertyRemoved extends At<'property-removed', 'response'>, Stated {
  before: JsonType[];
  /** Learned presence (absent when the spec requires the field or a pact pins it). */
  presence?: PresenceEvidence;
  /** The same-typed property that appeared under the same object in the same run: most likely the new name. */
  renamedTo?: string;
}
export interface PropertyAdded extends At<'property-added', 'response'> {
  after: JsonType[];
  presentNow: number;
  seenNow: number;
  /** The twin of a rename: the removed property's path and evidence. */
  renamedFrom?: { path: string; presence?: PresenceEvidence };
}
export interface BecameOptional extends At<'became-optional', 'response'>, Stated {
  /** Learned presence; absent when a spec diff states it (the new spec no longer requires the field). */
  presence?: PresenceEvidence;
}

// ---------------------------------------------------------------------------------------------
// What only the vendor's spec can judge. Producer: the spec check (src/app/checks/spec-check.ts).

export interface SpecViolation extends At<'spec-violation', 'response'> {
  /** The JSON Schema keyword that failed (`pattern`, `maximum`, `additionalProperties`...). */
  keyword: string;
  reason: string;
  operation: string;
}
export interface OperationMissing extends At<'operation-missing', 'operation'> {
  request: string;
  spec: string;
}

// ---------------------------------------------------------------------------------------------
// Spec vs spec. Producer: src/openapi/diff-specs.ts (old document vs new document). A change inside a shared
// component sits at the component (`#/components/schemas/Invoice`, path `$.status`) and lists the operations it
// reaches; response-side changes that live samples can also see use the response kinds above (`by: 'spec'`).

export interface SpecDiffFacts {
  /** `GET /v1/invoices/{id}` when the change is inside one operation. */
  operation?: string;
  before?: JsonValue;
  after?: JsonValue;
  deprecated?: boolean;
}
type SpecDiff<K extends string, L extends DeltaLocation> = At<K, L> & SpecDiffFacts;

/** A schema keyword whose change narrows or widens what a value may be (`maximum`, `enum`, `nullable`, `oneOf`...). */
interface ConstraintFacts {
  keyword: string;
  /** Where the value sits in the exchange: a parameter, a request body, a response body or header, a webhook payload. */
  in?: 'parameter' | 'body' | 'response' | 'header' | 'payload';
}
/** A deprecation announced in the spec, with its sunset (`x-sunset`) when given; `daysLeft` is counted from the run's "now". */
interface DeprecationFacts {
  sunset?: string;
  daysLeft?: number;
  /** The consumer's warning window in days (a sunset this close is a warning). */
  warnDays?: number;
}

export type SpecDiffDelta =
  | SpecDiff<'path-removed', 'operation'>
  | SpecDiff<'operation-removed', 'operation'>
  | SpecDiff<'operation-added', 'operation'>
  | (SpecDiff<'operation-deprecated', 'operation'> & DeprecationFacts)
  | SpecDiff<'operation-reinstated', 'operation'>
  | SpecDiff<'operation-id-changed', 'operation'>
  | SpecDiff<'webhook-added', 'operation'>
  | SpecDiff<'webhook-removed', 'operation'>
  | SpecDiff<'server-url-changed', 'operation'>
  | SpecDiff<'success-status-removed', 'response'>
  | SpecDiff<'status-removed', 'response'>
  | SpecDiff<'status-added', 'response'>
  | SpecDiff<'media-type-removed', 'response'>
  | SpecDiff<'media-type-added', 'response'>
  | (SpecDiff<'header-removed', 'response'> & { required: boolean })
  | SpecDiff<'header-added', 'response'>
  | SpecDiff<'header-became-optional', 'response'>
  | SpecDiff<'one-of-added', 'response'>
  | SpecDiff<'any-of-added', 'response'>
  | SpecDiff<'schema-widened', 'response'>
  | SpecDiff<'optional-property-removed', 'response'>
  | SpecDiff<'property-became-required', 'response'>
  | SpecDiff<'property-became-write-only', 'response'>
  | (SpecDiff<'property-deprecated', 'response'> & DeprecationFacts)
  | (SpecDiff<'response-constraint-tightened', 'response'> & ConstraintFacts)
  | (SpecDiff<'response-constraint-loosened', 'response'> & ConstraintFacts)
  | SpecDiff<'response-default-changed', 'response'>
  | SpecDiff<'response-discriminator-changed', 'response'>
  | (SpecDiff<'response-schema-changed', 'response'> & ConstraintFacts)
  | SpecDiff<'parameter-added-required', 'request'>
  | SpecDiff<'parameter-added-optional', 'request'>
  | SpecDiff<'parameter-became-required', 'request'>
  | SpecDiff<'parameter-became-optional', 'request'>
  | SpecDiff<'parameter-removed', 'request'>
  | SpecDiff<'parameter-moved', 'request'>
  | SpecDiff<'parameter-serialization-changed', 'request'>
  | (SpecDiff<'parameter-deprecated', 'request'> & DeprecationFacts)
  | SpecDiff<'parameter-enum-value-removed', 'request'>
  | SpecDiff<'parameter-type-changed', 'request'>
  | SpecDiff<'parameter-max-length-decreased', 'request'>
  | SpecDiff<'parameter-pattern-added', 'request'>
  | SpecDiff<'body-required-property-added', 'request'>
  | SpecDiff<'body-optional-property-added', 'request'>
  | SpecDiff<'body-property-became-required', 'request'>
  | SpecDiff<'body-property-became-optional', 'request'>
  | SpecDiff<'body-property-became-read-only', 'request'>
  | SpecDiff<'body-property-removed', 'request'>
  | SpecDiff<'body-enum-value-removed', 'request'>
  | SpecDiff<'body-type-changed', 'request'>
  | SpecDiff<'body-max-length-decreased', 'request'>
  | SpecDiff<'body-pattern-added', 'request'>
  | SpecDiff<'body-became-required', 'request'>
  | SpecDiff<'body-became-optional', 'request'>
  | SpecDiff<'body-added', 'request'>
  | SpecDiff<'body-removed', 'request'>
  | SpecDiff<'request-media-type-added', 'request'>
  | SpecDiff<'request-media-type-removed', 'request'>
  | (SpecDiff<'request-property-deprecated', 'request'> & DeprecationFacts)
  | (SpecDiff<'request-constraint-tightened', 'request'> & ConstraintFacts)
  | (SpecDiff<'request-constraint-loosened', 'request'> & ConstraintFacts)
  | SpecDiff<'request-default-changed', 'request'>
  | SpecDiff<'request-discriminator-changed', 'request'>
  | (SpecDiff<'request-schema-changed', 'request'> & ConstraintFacts)
  | (SpecDiff<'security-added', 'auth'> & { wasAnonymous?: boolean })
  | SpecDiff<'security-removed', 'auth'>
  | SpecDiff<'security-scope-added', 'auth'>
  | SpecDiff<'security-scope-removed', 'auth'>
  | SpecDiff<'security-scheme-changed', 'auth'>;

// ---------------------------------------------------------------------------------------------
// Consumer contracts. Producers: src/pact (pact vs spec, the Pact verifier). A verifier mismatch that names a type or a
// missing field is stated in the response kinds above (`by: 'pact'`); the rest is a contract delta.

export interface PactExpectationViolated extends At<'pact-expectation-violated', 'contract'> {
  /** The interaction's description. */
  where: string;
  mismatch: string;
  expected?: JsonValue;
  actual?: JsonValue;
}
export interface PactSpecMismatch extends At<'pact-spec-mismatch', 'contract'> {
  /** The interaction's description. */
  where: string;
  code: string;
  message: string;
  /** The comparator's warnings say "could not check", not "contradicts". */
  level: 'error' | 'warning';
}

// ---------------------------------------------------------------------------------------------
// Credentials. Producers: src/auth-drift (credential expiry, sharing, 401/403, TLS certificates, refresh-token rotation).

export interface AuthRejected extends At<'auth-rejected', 'auth'> {
  status: number | null;
  after: number | null;
  env: string[];
  authType: string;
  sharedWith: string[];
}
export interface CredentialExpiring extends At<'credential-expiring', 'auth'> {
  env: string;
  /** The expiry: stable across runs (the drift is the same until someone rotates); days left go in the message. */
  expiresAt: string;
  after: string;
  daysLeft: number;
  expired: boolean;
  source: 'expiresAt' | 'jwt' | 'certificate';
  warnDays: number;
}
export interface CredentialShared extends At<'credential-shared', 'auth'> {
  env: string;
  connectors: string[];
  after: string[];
  others: string[];
}
export interface TlsCertificateExpiring extends At<'tls-certificate-expiring', 'auth'> {
  host: string;
  port?: number;
  /** `client`: the connector's own mTLS client certificate (named by its env var), not the vendor's. */
  role?: 'client';
  env?: string;
  validTo: string;
  after: string;
  subject?: string;
  issuer?: string;
  daysLeft: number;
  expired: boolean;
  warnDays: number;
}

/** The token endpoint rotated the refresh token in `env` during this run: the value in the secret store is stale. */
export interface RefreshTokenRotated extends At<'refresh-token-rotated', 'auth'> {
  env: string;
}

// ---------------------------------------------------------------------------------------------
// Vendor signals. Producer: src/sampler/signal-deltas.ts (the Deprecation, Sunset and Link headers of this run's
// samples, one delta per endpoint and signal). `after` is stable across runs: the date, never the days left.

export interface DeprecationAnnounced extends At<'deprecation-announced', 'signal'> {
  /** The date (`YYYY-MM-DD`), `announced` when the vendor gave none, or the unreadable header value. */
  after: string;
  /** ISO timestamp of the deprecation (RFC 9745 allows a future one). */
  date?: string;
  /** The `Link rel="deprecation"` documentation URL (secrets scrubbed by the sampler). */
  link?: string;
  /** An unreadable `Deprecation` value, shortened. */
  raw?: string;
  /** Whole days from this run to `date` (negative once past). */
  daysFromNow?: number;
}
export interface SunsetAnnounced extends At<'sunset-announced', 'signal'> {
  /** The date (`YYYY-MM-DD`) and its phase (`within N days`, `passed`): a phase change is a new value, the drift stays one. */
  after: string;
  date?: string;
  link?: string;
  raw?: string;
  /** Whole days from this run to `date` (negative once past). */
  daysLeft?: number;
  /** The connector's `sunsetWarnDays`. */
  warnDays: number;
  /** `date` is within `warnDays` of this run (or past). */
  imminent: boolean;
}

// ---------------------------------------------------------------------------------------------
// The vendor's GraphQL schema. Producer: src/graphql/schema-deltas.ts (the introspected schema vs the pinned copy,
// diffed by @graphql-inspector/core). `path` is a schema coordinate (`Invoice.total`, `Query.invoices(region:)`). A
// change the connector's operations use is placed on each endpoint using it (`used`), anything else connector-wide.
// Location `graphql`: the operations themselves say what is used, so REST pacts (which pin JSONPaths) never downgrade it.

interface GraphqlFacts {
  /** The connector's operations read or send what changed (the delta sits on an endpoint whose operation does). */
  used: boolean;
  /** The diff's own words, for the evidence. */
  detail: string;
}
/** Where an endpoint's operation reads the coordinate: JSONPaths into its `data` (empty when unused). */
interface Selected {
  selectedAt: string[];
}
export interface GraphqlFieldRemoved extends At<'graphql-field-removed', 'graphql'>, GraphqlFacts, Selected {
  /** The field's type in the pinned schema (`Int!`). */
  before: string;
}
export interface GraphqlFieldTypeChanged extends At<'graphql-field-type-changed', 'graphql'>, GraphqlFacts, Selected {
  before: string;
  after: string;
  /** Only narrower for a reader (`String` -> `String!`): nothing that reads it can break. */
  safe: boolean;
}
export interface GraphqlInputChanged extends At<'graphql-input-changed', 'graphql'>, GraphqlFacts {
  change: 'added-required' | 'removed' | 'type-changed';
  before?: string;
  after?: string;
  /** The operation certainly sends what changed (an argument it passes, a required argument of a field it selects); false: only its input type. */
  certain: boolean;
}
export interface GraphqlEnumValueAdded extends At<'graphql-enum-value-added', 'graphql'>, GraphqlFacts, Selected {
  /** The enum's values in the pinned schema. */
  before: string[];
  /** The values added. */
  after: string[];
}
export interface GraphqlFieldDeprecated extends At<'graphql-field-deprecated', 'graphql'>, GraphqlFacts, Selected {
  reason?: string;
}
export interface GraphqlSchemaChanged extends At<'graphql-schema-changed', 'graphql'>, GraphqlFacts {
  /** The inspector's change type (`TYPE_REMOVED`, `UNION_MEMBER_REMOVED`...) and its criticality. */
  change: string;
  level: 'breaking' | 'dangerous';
}

// ---------------------------------------------------------------------------------------------
// Webhook deliveries. Producers: src/events/event-deltas.ts (for the event check and the receiver). A payload's shape is
// stated in the response kinds above (the consumer reads a payload as it reads a response); these are what only
// deliveries can say.

/** Deliveries of an event type with no accepted baseline yet (`snapshots/<connector>/events/<type>.json`). */
export interface EventTypeAdded extends At<'event-type-added', 'response'> {
  /** The event type. */
  after: string;
  deliveries: number;
}
/** Deliveries whose signature did not verify with the secret in `env` (rejected with 401, never judged). */
export interface WebhookSignatureRejected extends At<'webhook-signature-rejected', 'auth'> {
  env: string;
  scheme: string;
  /** The scheme: stable across batches, so the drift stays one until signatures verify again. */
  after: string;
  rejected: number;
  /** Deliveries of the same batch whose signature verified. */
  verified: number;
  reason: string;
}

// ---------------------------------------------------------------------------------------------
// Ownership. Producer: src/core/ownership.ts (the connector against contracts/owners.yaml).

export interface OwnerMissing extends At<'owner-missing', 'ownership'> {
  role: 'owner' | 'dataOwner';
  /** The name written in connector.yaml, if any. */
  after: string | null;
  reason: 'unnamed' | 'unregistered';
  registry?: string;
}
export interface OwnerInactive extends At<'owner-inactive', 'ownership'> {
  role: 'owner' | 'dataOwner';
  /** The inactive person's name. */
  after: string;
  id: string;
  registry?: string;
}
export interface RunbookMissing extends At<'runbook-missing', 'ownership'> {}
export interface SlackChannelMissing extends At<'slack-channel-missing', 'ownership'> {
  handle: string | null;
}
export interface OwnershipReviewOverdue extends At<'ownership-review-overdue', 'ownership'> {
  /** When it was last reviewed (null: never); stable across runs, so the drift stays one. */
  after: string | null;
  ageDays?: number;
  reviewEveryDays: number;
}

// ---------------------------------------------------------------------------------------------
// Availability. Producer: src/core/outage.ts (this run's requests of an endpoint, and the runs before it).

export interface EndpointDown extends At<'endpoint-down', 'availability'> {
  /** Stable across runs (`down`), so an outage is one finding from its first run to its last. */
  after: 'down';
  /** Consecutive runs, this one included, whose requests to the endpoint were made and all failed like a down vendor. */
  runs: number;
  /** Runs in a row it takes to call it an outage. */
  threshold: number;
  /** The watch daemon's circuit breaker opened on the connector: an outage at once. */
  circuit: boolean;
  /** The last failure, in words (`timeout`, `connection (ECONNREFUSED)`, `HTTP 503`). */
  failure: string;
}

export type Delta =
  | StatusChanged
  | ContentTypeChanged
  | TypeChanged
  | ItemsTypeChanged
  | BecameNullable
  | FormatChanged
  | EnumValueAdded
  | PropertyRemoved
  | PropertyAdded
  | BecameOptional
  | SpecViolation
  | OperationMissing
  | SpecDiffDelta
  | PactExpectationViolated
  | PactSpecMismatch
  | AuthRejected
  | CredentialExpiring
  | CredentialShared
  | TlsCertificateExpiring
  | RefreshTokenRotated
  | DeprecationAnnounced
  | SunsetAnnounced
  | GraphqlFieldRemoved
  | GraphqlFieldTypeChanged
  | GraphqlInputChanged
  | GraphqlEnumValueAdded
  | GraphqlFieldDeprecated
  | GraphqlSchemaChanged
  | EventTypeAdded
  | WebhookSignatureRejected
  | OwnerMissing
  | OwnerInactive
  | RunbookMissing
  | SlackChannelMissing
  | OwnershipReviewOverdue
  | EndpointDown;

export type DeltaKind = Delta['kind'];
export type DeltaOf<K extends DeltaKind> = Extract<Delta, { kind: K }>;
