// Redaction: secret headers, secret-looking fields, known secret values and credential-shaped strings removed before anything is kept.
import type { JsonObject, JsonValue } from './model.js';

export const REDACTED = '[REDACTED]';

/** Words that make a name secret wherever they appear in it. */
const SECRET_WORDS = new Set([
  'token',
  'secret',
  'secrets',
  'password',
  'passwords',
  'passwd',
  'passphrase',
  'pwd',
  'authorization',
  'cookie',
  'cookies',
  'session',
  'sessionid',
  'signature',
  'signatures',
  'credential',
  'credentials',
  'apikey',
  'privatekey',
  'secretkey',
  'accesskey',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'authtoken',
  'bearertoken',
  'clientsecret',
]);

/** `key` alone is too common (`"key": "invoice.created"`); these qualifiers make it secret. */
const KEY_QUALIFIERS = new Set(['api', 'private', 'secret', 'access', 'signing', 'encryption', 'client', 'license', 'master', 'auth', 'session', 'webhook']);

/** Joined spellings (`apikey`, `x-accesstoken`, `mypassword`) that word splitting cannot see. */
const SECRET_FRAGMENTS = ['apikey', 'accesstoken', 'refreshtoken', 'authtoken', 'privatekey', 'secretkey', 'clientsecret', 'password', 'passwd'];

/**
 * A last word that turns a secret name into metadata about the secret (`token_type`, `password_expires_at`,
 * `signature_required`): redacting those would hide drift in fields that carry no secret.
 */
const METADATA_SUFFIXES = new Set([
  'type', 'types', 'kind', 'count', 'counts', 'limit', 'limits', 'usage', 'used', 'expiry', 'expires', 'expiration',
  'expired', 'at', 'in', 'url', 'uri', 'endpoint', 'name', 'length', 'hint', 'algorithm', 'algorithms', 'method',
  'scheme', 'version', 'required', 'enabled', 'set', 'present', 'policy', 'status', 'created', 'updated', 'rotated',
  'strength', 'lifetime', 'ttl',
]);

function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

const secretNameCache = new Map<string, boolean>();

/**
 * Whether a header, field or query parameter name looks like it holds a secret. Case and separator insensitive
 * (`X-API-Key`, `apiKey`, `client_secret`). Plural `tokens` is not secret (`tokens_used`, `max_tokens` count tokens),
 * nor is a secret word followed by a metadata word (`token_type`, `password_updated_at`).
 */
export function isSecretName(name: string): boolean {
  const cached = secretNameCache.get(name);
  if (cached !== undefined) return cached;
  const result = computeIsSecretName(name);
  if (secretNameCache.size < 10_000) secretNameCache.set(name, result);
  return result;
}

function computeIsSecretName(name: string): boolean {
  const words = splitWords(name);
  if (words.length === 0) return false;
  const last = words[words.length - 1] as string;
  if (words.length > 1 && METADATA_SUFFIXES.has(last)) return false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (SECRET_WORDS.has(word)) return true;
    if ((word === 'key' || word === 'keys') && i > 0 && KEY_QUALIFIERS.has(words[i - 1] as string)) return true;
  }
  const compact = words.join('');
  return SECRET_FRAGMENTS.some((fragment) => compact.includes(fragment));
}

/**
 * Credential-shaped substrings, whatever field they sit in: JWTs, `Bearer`/`Basic` values, vendor key prefixes
 * (Stripe, GitHub, Slack, AWS, Google) and PEM blocks.
 */
const CREDENTIAL_PATTERNS: readonly [RegExp, string][] = [
  [/-----BEGIN [A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/g, REDACTED],
  [/\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // A credential has a digit, a symbol or a case change inside it; prose such as "Basic information" does not.
  [/\b([Bb]earer|BEARER|Basic)\s+(?=[A-Za-z0-9._~+/=-]*(?:[0-9_~+/=]|[a-z][A-Z]))[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`],
  [/\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{8,}/g, REDACTED],
  [/\bwhsec_[A-Za-z0-9+/=]{16,}/g, REDACTED],
  [/\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g, REDACTED],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/g, REDACTED],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, REDACTED],
  [/\bAIza[0-9A-Za-z_-]{35}/g, REDACTED],
];

/** Cheap pre-check so most strings (ids, names, dates) skip the pattern scan entirely. */
// Case-sensitive on purpose: it matches exactly the spellings the patterns above accept, and runs three times faster.
const CREDENTIAL_HINT = /eyJ|[Bb]earer|BEARER|Basic|[spr]k_|whsec|gh[pousr]_|github_pat|xox|AKIA|ASIA|AIza|-----BEGIN/;

function replaceKnownSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret && out.includes(encoded)) out = out.split(encoded).join(REDACTED);
  }
  return out;
}

function replaceCredentialPatterns(text: string): string {
  if (text.length < 8 || !CREDENTIAL_HINT.test(text)) return text;
  let out = text;
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

function redactString(text: string, secrets: readonly string[]): string {
  return replaceCredentialPatterns(replaceKnownSecrets(text, secrets));
}

/**
 * `value` with secrets removed. Any non-null value under a secret-looking key becomes the string REDACTED: a string
 * stays a string, so inference sees no change; a number, boolean, object or array under such a key is inferred as a
 * string afterwards, which is accepted (its shape was a secret's shape). Null stays null: it reveals nothing and
 * keeps nullability visible. Keys are redacted too (a vendor that echoes a credential as a JSON key must not put it in
 * every path), keeping them distinct. Copy on write: a subtree with nothing to redact is returned as it is, so a clean
 * body costs a walk, not a copy; the input is never modified.
 */
export function redactValue(value: JsonValue, secrets: readonly string[]): JsonValue {
  if (typeof value === 'string') return redactString(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let out: JsonValue[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i] as JsonValue;
      const redacted = redactValue(item, secrets);
      if (redacted !== item && out === undefined) out = value.slice(0, i);
      if (out !== undefined) out.push(redacted);
    }
    return out ?? value;
  }
  let out: JsonObject | undefined;
  let taken: Set<string> | undefined;
  let index = 0;
  const keys = Object.keys(value);
  for (const key of keys) {
    const child = value[key] as JsonValue;
    const redacted = child !== null && isSecretName(key) ? REDACTED : redactValue(child, secrets);
    const safeKey = redactString(key, secrets);
    if (out === undefined && (redacted !== child || safeKey !== key)) {
      out = {};
      taken = new Set(keys);
      for (const earlier of keys.slice(0, index)) setOwn(out, earlier, value[earlier] as JsonValue);
    }
    if (out !== undefined) setOwn(out, safeKey === key ? key : distinctKey(safeKey, taken!), redacted);
    index++;
  }
  return out ?? value;
}

/** A redacted key made distinct from the object's other keys (`[REDACTED]`, `[REDACTED]#2`...). */
function distinctKey(key: string, taken: Set<string>): string {
  let candidate = key;
  for (let n = 2; taken.has(candidate); n++) candidate = `${key}#${n}`;
  taken.add(candidate);
  return candidate;
}

/** Assigning `__proto__` would set the prototype instead of copying the field (JSON.parse makes it an own key). */
function setOwn(out: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/**
 * Whether a string under an ordinary name still looks like a credential: long, no spaces, mixing letter cases and
 * digits (or long hex), and not a date, UUID, URL or email. For what is kept as an example or a URL, where a vendor's
 * secret under an innocent name (`sig`, `code`, `value`) must not survive.
 */
export function looksLikeSecretValue(text: string): boolean {
  if (text.length < 24 || /\s/.test(text)) return false;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text) || /^\d{4}-\d{2}-\d{2}/.test(text)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.includes('@')) return false;
  if (/^[0-9a-f]{32,}$/i.test(text)) return true;
  const classes = Number(/[a-z]/.test(text)) + Number(/[A-Z]/.test(text)) + Number(/[0-9]/.test(text));
  return classes === 3 && new Set(text).size >= 12;
}

/**
 * A body kept as a snapshot's example (it goes into git): redacted, and with every string that looks like a
 * credential replaced too. The example keeps the shape; a reviewer needs no real value.
 */
export function redactExample(value: JsonValue, secrets: readonly string[]): JsonValue {
  const redacted = redactValue(value, secrets);
  const scrub = (v: JsonValue): JsonValue => {
    if (typeof v === 'string') return looksLikeSecretValue(v) ? REDACTED : v;
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(scrub);
    const out: JsonObject = {};
    for (const [key, child] of Object.entries(v)) setOwn(out, key, scrub(child));
    return out;
  };
  return scrub(redacted);
}

/** Headers with every secret-named header's value replaced and known secrets removed from the others. */
export function redactHeaders(headers: Record<string, string>, secrets: readonly string[]): Record<string, string> {
  const out: [string, string][] = [];
  for (const [name, value] of Object.entries(headers)) out.push([name, isSecretName(name) ? REDACTED : redactString(value, secrets)]);
  return Object.fromEntries(out);
}

const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^/\s:@]+):([^/\s@]+)@/gi;
const PARAM = /([?&#;])([^=&#\s]+)=([^&#\s"'<>]*)/g;

function redactParams(text: string, secretParams: readonly string[]): string {
  const wanted = new Set(secretParams.map((p) => p.toLowerCase()));
  return text.replace(PARAM, (whole: string, sep: string, rawName: string, rawValue: string) => {
    if (rawValue === '' || rawValue === REDACTED) return whole;
    let name = rawName;
    try {
      name = decodeURIComponent(rawName);
    } catch {
      // A malformed escape: judge the raw name.
    }
    let value = rawValue;
    try {
      value = decodeURIComponent(rawValue);
    } catch {
      // A malformed escape: judge the raw value.
    }
    return wanted.has(name.toLowerCase()) || isSecretName(name) || looksLikeSecretValue(value) ? `${sep}${rawName}=${REDACTED}` : whole;
  });
}

/**
 * Free text (error messages, log lines) with known secrets, credential-shaped values, URL passwords and
 * secret-named query parameters removed.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  return redactParams(redactString(text, secrets).replace(USERINFO, `$1$2:${REDACTED}@`), []);
}

/**
 * A note typed by a person (an `ack --note`, an `accept --change --reason`, who accepted it): free text written
 * under pressure, where a pasted token must not end up in the history store or a committed file. Trimmed, with
 * known secrets, credential-shaped values, URL passwords and secret-named query parameters removed.
 */
export function redactNote(text: string, secrets: readonly string[]): string {
  return redactText(text.trim(), secrets);
}

/** A URL with its password, the named secret query parameters, secret-looking parameters and known secrets redacted. */
export function redactUrl(url: string, secretParams: readonly string[], secrets: readonly string[]): string {
  return redactParams(redactString(url, secrets).replace(USERINFO, `$1$2:${REDACTED}@`), secretParams);
}
