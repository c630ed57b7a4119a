// Validates written connector data (from YAML or code) against the schema and house checks, then fills defaults.
import { basename } from 'node:path';
import { lazyModule } from './lazy-module.js';
import type { BodyLimits, ConfigProblem, Connector, EndpointConfig, IgnoreEntry, Severity } from '../core/model.js';
// The schema compiled ahead of time (scripts/generate-connector-validator.mjs): compiling it cost every process 150-400 ms.
import { validateConnectorSchema } from './generated/connector-validator.js';
import { describeAjvError } from './describe-ajv-error.js';
import type { ConnectorInput } from './define-connector.js';
import { isRecord } from '../core/is-record.js';
import { isValidTimezone } from '../core/timezone.js';
import { endpointProblems, requestProblems, type HouseProblem } from './request-rules.js';
import { authKeyProblems } from './auth-rules.js';
import { graphqlEndpointProblems } from '../graphql/endpoint-rules.js';
import { normalizeAuth, normalizeEndpoint } from './normalize-request.js';
import { eventsProblems, normalizeEvents } from './events-rules.js';

// Only a connector with a schedule needs node-cron's parser (~0.1 s to load); the daemon loads the scheduler itself.
const cron = lazyModule<typeof import('node-cron')>('node-cron');

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;
export const DEFAULT_CONCURRENCY = 4;
/** Far past any real vendor (GitHub's deepest bodies nest under 20; its widest objects hold a few thousand keys). */
export const DEFAULT_LIMITS: Readonly<BodyLimits> = { maxDepth: 256, maxKeys: 100_000, maxNodes: 2_000_000 };
/** A top-level `error` member is how most vendors wrap a failure they answer with 200. */
export const DEFAULT_ERROR_ENVELOPE: readonly string[] = ['$.error'];
export const DEFAULT_SUNSET_WARN_DAYS = 30;

export type PathSegment = string | number;
/** Where a path points in the source document: at the value, or at its key (for unknown keys). */
export type Locate = (segments: readonly PathSegment[], target: 'value' | 'key') => { line: number; col: number } | undefined;

export interface ValidateWhere {
  file: string;
  /** The connector's folder; when given, `name` must equal its base name. */
  dir?: string;
  locate?: Locate;
}

/** Keys that would hold a literal secret, and the env-var key to use instead. */
const LITERAL_SECRET_KEYS: Readonly<Record<string, string>> = {
  token: 'tokenEnv',
  value: 'valueEnv',
  password: 'passwordEnv',
  secret: 'valueEnv',
  apiKey: 'valueEnv',
  api_key: 'valueEnv',
  username: 'usernameEnv',
  clientId: 'clientIdEnv',
  clientSecret: 'clientSecretEnv',
  refreshToken: 'refreshTokenEnv',
  accessToken: 'tokenEnv',
  key: 'keyEnv',
  privateKey: 'keyEnv',
  cert: 'certEnv',
  certificate: 'certEnv',
  passphrase: 'passphraseEnv',
};

/** Endpoint headers that carry credentials: they belong in `auth`, read from the environment. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);

export function formatAt(segments: readonly PathSegment[]): string {
  let out = '';
  for (const seg of segments) {
    if (typeof seg === 'number' || /^\d+$/.test(seg)) out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

type RawProblem = HouseProblem;

function literalSecretProblems(data: Record<string, unknown>): RawProblem[] {
  const problems: RawProblem[] = [];
  const auth = data.auth;
  if (isRecord(auth)) {
    for (const key of Object.keys(auth)) {
      const instead = LITERAL_SECRET_KEYS[key];
      if (instead) {
        problems.push({
          segments: ['auth', key],
          target: 'key',
          message: `must not hold a secret: connector files are committed; put the secret in an environment variable and name it with ${instead}`,
        });
      }
    }
  }
  if (Array.isArray(data.endpoints)) {
    data.endpoints.forEach((endpoint, i) => {
      if (!isRecord(endpoint) || !isRecord(endpoint.headers)) return;
      for (const header of Object.keys(endpoint.headers)) {
        if (CREDENTIAL_HEADERS.has(header.toLowerCase())) {
          problems.push({
            segments: ['endpoints', i, 'headers', header],
            target: 'key',
            message: 'must not hold credentials: describe them under `auth` with the name of an environment variable',
          });
        }
      }
    });
  }
  return problems;
}

/** Checks the schema cannot say; defensive about shapes, since they also run on schema-invalid input. */
function houseProblems(data: Record<string, unknown>, dir: string | undefined): RawProblem[] {
  const problems: RawProblem[] = [];
  if (dir !== undefined && dir !== '' && typeof data.name === 'string') {
    const folder = basename(dir);
    if (data.name !== folder) {
      problems.push({ segments: ['name'], target: 'value', message: `"${data.name}" must equal its folder name "${folder}"` });
    }
  }
  if (Array.isArray(data.endpoints)) {
    const firstIndex = new Map<string, number>();
    data.endpoints.forEach((endpoint: unknown, i) => {
      if (!isRecord(endpoint) || typeof endpoint.id !== 'string') return;
      const first = firstIndex.get(endpoint.id);
      if (first === undefined) firstIndex.set(endpoint.id, i);
      else {
        problems.push({
          segments: ['endpoints', i, 'id'],
          target: 'value',
          message: `"${endpoint.id}" duplicates endpoints[${first}].id: endpoint ids must be unique in a connector`,
        });
      }
    });
  }
  if (typeof data.schedule === 'string' && data.schedule !== '') {
    const result = cron().validateDetailed(data.schedule);
    if (!result.valid) {
      const why = result.errors.map((e) => e.message).join('; ');
      problems.push({ segments: ['schedule'], target: 'value', message: `"${data.schedule}" is not a valid cron expression${why ? `: ${why}` : ''}` });
    }
  }
  if (typeof data.timezone === 'string' && data.timezone !== '' && !isValidTimezone(data.timezone)) {
    problems.push({ segments: ['timezone'], target: 'value', message: `"${data.timezone}" is not an IANA time zone (e.g. Europe/Paris)` });
  }
  const auth = data.auth;
  if (isRecord(auth) && typeof auth.expiresAt === 'string' && Number.isNaN(Date.parse(auth.expiresAt))) {
    problems.push({ segments: ['auth', 'expiresAt'], target: 'value', message: `"${auth.expiresAt}" is not a real date` });
  }
  if (isRecord(auth)) problems.push(...authKeyProblems(auth));
  problems.push(...requestProblems(data));
  if (isRecord(data.events)) problems.push(...eventsProblems(data.events));
  if (Array.isArray(data.endpoints)) data.endpoints.forEach((endpoint: unknown, i) => problems.push(...endpointProblems(endpoint, i), ...graphqlEndpointProblems(endpoint, i)));
  return problems;
}

function toProblem(raw: RawProblem, where: ValidateWhere): ConfigProblem {
  const problem: ConfigProblem = { file: where.file, message: raw.message };
  const at = formatAt(raw.segments);
  if (at !== '') problem.at = at;
  const pos = where.locate?.(raw.segments, raw.target);
  if (pos) {
    problem.line = pos.line;
    problem.col = pos.col;
  }
  return problem;
}

/** Every default of a written connector is filled here, and only here. */
function normalize(input: ConnectorInput, where: ValidateWhere): Connector {
  const endpoints: EndpointConfig[] = input.endpoints.map((e) => normalizeEndpoint(e));
  const ignore: IgnoreEntry[] = (input.ignore ?? []).map((entry) => ({ ...entry }));
  const connector: Connector = {
    name: input.name,
    owner: { ...input.owner },
    baseUrl: input.baseUrl,
    timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBodyBytes: input.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    concurrency: input.concurrency ?? DEFAULT_CONCURRENCY,
    auth: normalizeAuth(input.auth),
    limits: { ...DEFAULT_LIMITS, ...(input.limits ?? {}) },
    errorEnvelope: [...(input.errorEnvelope ?? DEFAULT_ERROR_ENVELOPE)],
    sunsetWarnDays: input.sunsetWarnDays ?? DEFAULT_SUNSET_WARN_DAYS,
    endpoints,
    severity: { ...(input.severity ?? {}) } as Record<string, Severity>,
    ignore,
    dir: where.dir ?? '',
    file: where.file,
  };
  if (input.events) connector.events = normalizeEvents(input.events);
  if (input.pact) connector.pact = { liveUnsafe: [...(input.pact.liveUnsafe ?? [])] };
  if (input.allowInsecureSpec !== undefined) connector.allowInsecureSpec = input.allowInsecureSpec;
  if (input.specAllow) connector.specAllow = { hosts: [...(input.specAllow.hosts ?? [])], folders: [...(input.specAllow.folders ?? [])] };
  const optional = ['vendor', 'description', 'dataOwner', 'runbook', 'businessProcess', 'failureMode', 'schedule', 'timezone', 'spec'] as const;
  for (const key of optional) {
    const value = input[key];
    if (value !== undefined) connector[key] = value;
  }
  return connector;
}

/** Validates written connector data; returns the normalised connector, or every problem found. */
export function validateConnector(data: unknown, where: ValidateWhere): { connector?: Connector; problems: ConfigProblem[] } {
  if (!isRecord(data)) {
    const message = data === null || data === undefined ? 'is empty: a connector needs name, owner, baseUrl and endpoints' : 'must be a mapping (key: value) at the top level';
    return { problems: [toProblem({ segments: [], target: 'value', message }, where)] };
  }
  const secretProblems = literalSecretProblems(data);
  const secretKeys = new Set(secretProblems.map((p) => formatAt(p.segments)));
  const validate = validateConnectorSchema;
  const raws: RawProblem[] = [...secretProblems];
  if (!validate(data)) {
    for (const error of validate.errors ?? []) {
      const raw = describeAjvError(error);
      // A literal secret already has its own, better message.
      if (raw && !secretKeys.has(formatAt(raw.segments))) raws.push(raw);
    }
  }
  raws.push(...houseProblems(data, where.dir));
  if (raws.length > 0) {
    const problems = raws.map((raw) => toProblem(raw, where));
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
    return { problems: dedupe(problems) };
  }
  return { connector: normalize(data as unknown as ConnectorInput, where), problems: [] };
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.col}:${p.at}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
