// The one JSON Schema (draft-07, ajv) for connector.yaml files and defineConnector() input alike.

const ENV_NAME = '^[A-Za-z_][A-Za-z0-9_]*$';
const ISO_DATE = '^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?$';
const SCALAR = { type: ['string', 'number', 'boolean'] } as const;

export const AUTH_TYPES = ['none', 'bearer', 'header', 'query', 'basic'] as const;
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

const envName = { type: 'string', pattern: ENV_NAME } as const;

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
        expiresAt: { type: 'string', pattern: ISO_DATE },
      },
      allOf: [
        authRequires('bearer', ['tokenEnv']),
        authRequires('header', ['headerName', 'valueEnv']),
        authRequires('query', ['param', 'valueEnv']),
        authRequires('basic', ['usernameEnv', 'passwordEnv']),
      ],
    },
    schedule: { type: 'string', minLength: 1 },
    timezone: { type: 'string', minLength: 1 },
    spec: { type: 'string', minLength: 1 },
    endpoints: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'path'],
        properties: {
          id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$' },
          method: { enum: HTTP_METHODS },
          path: { type: 'string', pattern: '^/' },
          query: { type: 'object', additionalProperties: SCALAR },
          headers: { type: 'object', additionalProperties: SCALAR },
          expectStatus: { type: 'integer', minimum: 100, maximum: 599 },
        },
      },
    },
    severity: {
      type: 'object',
      additionalProperties: { enum: ['breaking', 'warning', 'info'] },
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
};
