// The one JSON Schema (draft-07, ajv) for connector.yaml files and defineConnector() input alike.

const ENV_NAME = '^[A-Za-z_][A-Za-z0-9_]*$';
const ISO_DATE = '^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?$';
const SCALAR = { type: ['string', 'number', 'boolean'] } as const;

export const AUTH_TYPES = ['none', 'bearer', 'header', 'query', 'basic', 'oauth2-client-credentials', 'oauth2-refresh-token', 'mtls'] as const;
/** How a vendor signs its webhook deliveries (src/events/signature.ts). */
export const SIGNATURE_SCHEMES = ['hmac-sha256', 'stripe', 'github', 'none'] as const;
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
/** Caps that keep one endpoint from turning a run into a crawl: samples × (1 + variants) × pages requests at most. */
export const MAX_SAMPLES = 50;
export const MAX_PAGES = 100;
export const MAX_VARIANTS = 50;

const envName = { type: 'string', pattern: ENV_NAME } as const;
const httpUrl = { type: 'string', format: 'uri', pattern: '^https?://' } as const;
const scalarRecord = { type: 'object', additionalProperties: SCALAR } as const;
/** A body path (`$.error`, `meta.next_cursor`, `data[-1].id`): checked further by the house rules. */
const bodyPath = { type: 'string', minLength: 1 } as const;

/** The auth keys each type reads; any other auth key is a mistake (checked by the house rules, with this table). */
export const AUTH_KEYS: Readonly<Record<(typeof AUTH_TYPES)[number], readonly string[]>> = {
  none: [],
  bearer: ['tokenEnv'],
  header: ['headerName', 'valueEnv'],
  query: ['param', 'valueEnv'],
  basic: ['usernameEnv', 'passwordEnv'],
  'oauth2-client-credentials': ['tokenUrl', 'clientIdEnv', 'clientSecretEnv', 'scopes', 'audience', 'clientAuth'],
  'oauth2-refresh-token': ['tokenUrl', 'refreshTokenEnv', 'clientIdEnv', 'clientSecretEnv', 'scopes', 'clientAuth'],
  mtls: ['certEnv', 'keyEnv', 'passphraseEnv', 'caEnv'],
};

function authRequires(type: (typeof AUTH_TYPES)[number], keys: string[]): object {
  return {
    if: { properties: { type: { const: type } }, required: ['type'] },
    then: { required: keys },
  };
}

export const connectorSchema = {
  $id: 'https://driftwatch.dev/schemas/connector.json',
  title: 'driftwatch connector',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'owner', 'baseUrl', 'endpoints'],
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' },
    vendor: { type: 'string' },
    description: { type: 'string' },
    owner: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: { type: 'string', minLength: 1 },
        slack: { type: 'string', minLength: 1 },
        email: { type: 'string', format: 'email' },
        slackWebhookEnv: envName,
      },
    },
    dataOwner: { type: 'string' },
    runbook: { type: 'string', format: 'uri' },
    businessProcess: { type: 'string' },
    failureMode: { type: 'string' },
    baseUrl: { type: 'string', format: 'uri', pattern: '^https?://' },
    timeoutMs: { type: 'integer', minimum: 1 },
    maxBodyBytes: { type: 'integer', minimum: 1 },
    concurrency: { type: 'integer', minimum: 1, maximum: 64 },
    auth: {
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      properties: {
        type: { enum: AUTH_TYPES },
        tokenEnv: envName,
        headerName: { type: 'string', pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$" },
        valueEnv: envName,
        param: { type: 'string', minLength: 1 },
        usernameEnv: envName,
        passwordEnv: envName,
        tokenUrl: httpUrl,
        clientIdEnv: envName,
        clientSecretEnv: envName,
        scopes: { type: 'array', items: { type: 'string', pattern: '^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$' } },
        audience: { type: 'string', minLength: 1 },
        clientAuth: { enum: ['basic', 'body'] },
        refreshTokenEnv: envName,
        certEnv: envName,
        keyEnv: envName,
        passphraseEnv: envName,
        caEnv: envName,
        expiresAt: { type: 'string', pattern: ISO_DATE },
      },
      allOf: [
        authRequires('bearer', ['tokenEnv']),
        authRequires('header', ['headerName', 'valueEnv']),
        authRequires('query', ['param', 'valueEnv']),
        authRequires('basic', ['usernameEnv', 'passwordEnv']),
        authRequires('oauth2-client-credentials', ['tokenUrl', 'clientIdEnv', 'clientSecretEnv']),
        authRequires('oauth2-refresh-token', ['tokenUrl', 'refreshTokenEnv']),
        authRequires('mtls', ['certEnv', 'keyEnv']),
      ],
    },
    limits: {
      type: 'object',
      additionalProperties: false,
      properties: {
        // Redaction and inference recurse once per level: past ~1000 levels a body could still overflow the stack.
        maxDepth: { type: 'integer', minimum: 1, maximum: 1024 },
        maxKeys: { type: 'integer', minimum: 1 },
        maxNodes: { type: 'integer', minimum: 1 },
      },
    },
    errorEnvelope: { type: 'array', items: bodyPath },
    sunsetWarnDays: { type: 'integer', minimum: 0, maximum: 3650 },
    schedule: { type: 'string', minLength: 1 },
    timezone: { type: 'string', minLength: 1 },
    spec: { type: 'string', minLength: 1 },
    allowInsecureSpec: { type: 'boolean' },
    specAllow: {
      type: 'object',
      additionalProperties: false,
      properties: {
        hosts: { type: 'array', items: { type: 'string', minLength: 1 } },
        folders: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
    },
    endpoints: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'path'],
        properties: {
          id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$' },
          /** `graphql`: `query` is the GraphQL document and `variables` its variables (src/graphql/endpoint-rules.ts). */
          kind: { enum: ['rest', 'graphql'] },
          method: { enum: HTTP_METHODS },
          path: { type: 'string', pattern: '^/' },
          // URL query parameters (a mapping), or for kind: graphql the GraphQL document (a string).
          query: { type: ['object', 'string'], additionalProperties: SCALAR },
          variables: { type: 'object' },
          headers: scalarRecord,
          expectStatus: { type: 'integer', minimum: 100, maximum: 599 },
          safe: { type: 'boolean' },
          body: {},
          contentType: { type: 'string', pattern: '^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;.*)?$' },
          samples: { type: 'integer', minimum: 1, maximum: MAX_SAMPLES },
          pages: { type: 'integer', minimum: 1, maximum: MAX_PAGES },
          paginate: {
            anyOf: [
              { const: 'link' },
              {
                type: 'object',
                additionalProperties: false,
                required: ['cursor', 'param'],
                properties: { cursor: bodyPath, param: { type: 'string', minLength: 1 }, hasMore: bodyPath },
              },
            ],
          },
          variants: {
            type: 'array',
            minItems: 1,
            maxItems: MAX_VARIANTS,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['query'],
              properties: {
                name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.=&-]*$' },
                query: scalarRecord,
                body: {},
              },
            },
          },
        },
      },
    },
    severity: {
      type: 'object',
      additionalProperties: { enum: ['breaking', 'warning', 'info'] },
    },
    events: {
      type: 'object',
      additionalProperties: false,
      properties: {
        // Where a delivery names its event type (a body path, checked by the house rules): one baseline per type.
        typeField: bodyPath,
        signature: {
          type: 'object',
          additionalProperties: false,
          required: ['scheme'],
          properties: {
            scheme: { enum: SIGNATURE_SCHEMES },
            header: { type: 'string', pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$" },
            secretEnv: envName,
            toleranceSeconds: { type: 'integer', minimum: 1, maximum: 86_400 },
          },
          allOf: [
            { if: { properties: { scheme: { const: 'hmac-sha256' } } }, then: { required: ['header', 'secretEnv'] } },
            { if: { properties: { scheme: { enum: ['stripe', 'github'] } } }, then: { required: ['secretEnv'] } },
          ],
        },
      },
    },
    pact: {
      type: 'object',
      additionalProperties: false,
      properties: {
        liveUnsafe: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
    },
    ignore: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rule', 'path', 'reason'],
        properties: {
          rule: { type: 'string', minLength: 1 },
          path: { type: 'string', minLength: 1 },
          reason: { type: 'string', minLength: 1 },
          acceptedBy: { type: 'string' },
          expires: { type: 'string', format: 'date' },
        },
      },
    },
  },
} as const;

/** Human hints for `pattern` failures, keyed by the field name (ajv's own text shows a regex). */
export const PATTERN_HINTS: Readonly<Record<string, string>> = {
  name: 'must be lower-case letters, digits, - and _ (it is also the folder name)',
  id: 'must be a kebab or snake case id (letters, digits, - and _)',
  path: 'must start with /',
  baseUrl: 'must be an http:// or https:// URL',
  headerName: 'must be a valid HTTP header name',
  expiresAt: 'must be an ISO date (YYYY-MM-DD or a full timestamp)',
  tokenEnv: 'must be the name of an environment variable (e.g. ACME_TOKEN), not the secret itself',
  valueEnv: 'must be the name of an environment variable (e.g. ACME_API_KEY), not the secret itself',
  usernameEnv: 'must be the name of an environment variable (e.g. ACME_USER), not the value itself',
  passwordEnv: 'must be the name of an environment variable (e.g. ACME_PASSWORD), not the secret itself',
  slackWebhookEnv: 'must be the name of an environment variable holding the webhook URL, not the URL itself',
  tokenUrl: 'must be an http:// or https:// URL',
  clientIdEnv: 'must be the name of an environment variable (e.g. ACME_CLIENT_ID), not the value itself',
  clientSecretEnv: 'must be the name of an environment variable (e.g. ACME_CLIENT_SECRET), not the secret itself',
  refreshTokenEnv: 'must be the name of an environment variable (e.g. ACME_REFRESH_TOKEN), not the secret itself',
  certEnv: 'must be the name of an environment variable holding the client certificate (PEM or a file path)',
  keyEnv: 'must be the name of an environment variable holding the client key (PEM or a file path), not the key itself',
  passphraseEnv: 'must be the name of an environment variable holding the key passphrase, not the passphrase itself',
  secretEnv: 'must be the name of an environment variable holding the signing secret, not the secret itself',
  header: 'must be a valid HTTP header name',
  typeField: 'must be a body path such as type or $.event.type',
  caEnv: 'must be the name of an environment variable holding the CA certificate (PEM or a file path)',
  contentType: 'must be a media type such as application/json',
  scopes: 'must be OAuth2 scope tokens (no spaces or quotes)',
};
