// House checks on `auth` the schema cannot say: keys that do not apply to the chosen type, token URLs that leak.
import { AUTH_KEYS, AUTH_TYPES } from './connector-schema.js';
import type { HouseProblem } from './request-rules.js';
import { urlCredentialProblem } from './request-rules.js';

const COMMON_KEYS = new Set(['type', 'expiresAt']);
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function isAuthType(type: unknown): type is (typeof AUTH_TYPES)[number] {
  return typeof type === 'string' && (AUTH_TYPES as readonly string[]).includes(type);
}

/** Problems with an `auth` mapping whose shape the schema already accepted or rejected; defensive about types. */
export function authKeyProblems(auth: Record<string, unknown>): HouseProblem[] {
  const problems: HouseProblem[] = [];
  if (!isAuthType(auth.type)) return problems;
  const allowed = AUTH_KEYS[auth.type];
  for (const key of Object.keys(auth)) {
    if (COMMON_KEYS.has(key) || allowed.includes(key)) continue;
    // Keys the schema does not know at all get their own "not a known key" message.
    if (!Object.values(AUTH_KEYS).some((keys) => keys.includes(key))) continue;
    const reads = allowed.length > 0 ? ` (it reads ${allowed.join(', ')})` : '';
    problems.push({ segments: ['auth', key], target: 'key', message: `does not apply to ${auth.type} auth${reads}` });
  }
  if (auth.type === 'none' && auth.expiresAt !== undefined) {
    problems.push({ segments: ['auth', 'expiresAt'], target: 'key', message: 'does not apply to none auth: there is no credential to expire' });
  }
  if (typeof auth.tokenUrl === 'string') {
    const leak = urlCredentialProblem(auth.tokenUrl, ['auth', 'tokenUrl']);
    if (leak) problems.push(leak);
    else problems.push(...insecureTokenUrl(auth.tokenUrl));
  }
  if (auth.type === 'oauth2-refresh-token' && auth.clientSecretEnv !== undefined && auth.clientIdEnv === undefined) {
    problems.push({ segments: ['auth', 'clientIdEnv'], target: 'value', message: 'is required when clientSecretEnv is set: a client secret authenticates a client id' });
  }
  return problems;
}

/** The client secret or refresh token travels to the token URL: plain http is only accepted on this machine. */
function insecureTokenUrl(text: string): HouseProblem[] {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return []; // the schema's format check says so
  }
  if (url.protocol === 'https:' || LOOPBACK.has(url.hostname)) return [];
  return [{ segments: ['auth', 'tokenUrl'], target: 'value', message: 'must be https: the client secret or refresh token is sent to it (http only for 127.0.0.1 / localhost)' }];
}
