import { describe, expect, it } from 'vitest';
import { inferShape } from '../../src/core/infer.js';
import type { JsonValue } from '../../src/core/model.js';
import { REDACTED, isSecretName, looksLikeSecretValue, redactExample, redactHeaders, redactText, redactUrl, redactValue } from '../../src/core/redact.js';

const SECRET = 's3cr3t-planted-value-42';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

describe('isSecretName', () => {
  it.each([
    'token', 'Authorization', 'proxy-authorization', 'Cookie', 'Set-Cookie', 'password', 'passwd', 'api_key', 'apiKey', 'APIKEY',
    'X-API-Key', 'api-key', 'client_secret', 'clientSecret', 'access_token', 'refresh_token', 'private_key', 'session',
    'session_id', 'sessionId', 'signature', 'x-hub-signature-256', 'credentials', 'credential', 'x-amz-security-token',
    'webhook_secret', 'secret', 'stripe-signature', 'user_password_hash', 'mypassword', 'token_id',
  ])('%s is secret', (name) => expect(isSecretName(name)).toBe(true));

  it.each([
    'token_type', 'tokens_used', 'max_tokens', 'total_tokens', 'prompt_tokens', 'expires_in', 'key', 'idempotency_key',
    'public_key', 'author', 'keyboard', 'status', 'amount_due', 'password_updated_at', 'token_expires_at', 'tokenizer',
    'session_count', 'signature_required', 'id', 'email', 'content-type', 'x-request-id', 'www-authenticate',
  ])('%s is not secret', (name) => expect(isSecretName(name)).toBe(false));
});

describe('redactValue', () => {
  const body: JsonValue = {
    id: 'in_1',
    amount_due: 1200,
    customer: {
      email: 'ada@example.com',
      api_key: 'ak_123456789',
      nested: [{ access_token: 'tok_abc', note: `contains ${SECRET} inside` }],
      pin: { password: 1234 },
      session: { id: 'abc', started: 1 },
      refresh_token: null,
    },
    jwt_holder: { value: JWT },
    header_echo: `Bearer ${'Ab9'.repeat(10)}`,
    keys: ['sk_live_abcdefghijklmnop', 'ghp_abcdefghijklmnopqrstuvwxyz0123', 'xoxb-1234567890-abcdef', 'AKIAABCDEFGHIJKLMNOP'],
    pem: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----',
    token_type: 'bearer',
    tokens_used: 42,
    prose: 'Basic information about Bearer authentication.',
  };
  const redacted = redactValue(body, [SECRET]);
  const text = JSON.stringify(redacted);

  it('removes every planted secret', () => {
    for (const planted of [SECRET, 'ak_123456789', 'tok_abc', '1234', 'abc"', JWT, 'Ab9Ab9', 'sk_live_', 'ghp_', 'xoxb-', 'AKIA', 'MIIEvQ']) {
      expect(text).not.toContain(planted);
    }
  });

  it('keeps what is not secret, and the shape of strings', () => {
    expect(redacted).toMatchObject({
      id: 'in_1',
      amount_due: 1200,
      customer: {
        email: 'ada@example.com',
        api_key: REDACTED,
        nested: [{ access_token: REDACTED, note: `contains ${REDACTED} inside` }],
        pin: { password: REDACTED },
        session: REDACTED,
        refresh_token: null,
      },
      jwt_holder: { value: REDACTED },
      header_echo: `Bearer ${REDACTED}`,
      token_type: 'bearer',
      tokens_used: 42,
      prose: 'Basic information about Bearer authentication.',
    });
    expect(inferShape([body]).properties?.['customer']?.properties?.['api_key']?.type).toBe(
      inferShape([redacted]).properties?.['customer']?.properties?.['api_key']?.type,
    );
  });

  it('never touches the input, and shares clean subtrees instead of copying them (copy on write)', () => {
    expect((body as { customer: { api_key: string } }).customer.api_key).toBe('ak_123456789');
    expect(redacted).not.toBe(body);
    const clean: JsonValue = { a: { b: [1, 'x', { c: true }] }, d: 'y' };
    expect(redactValue(clean, [SECRET])).toBe(clean);
    const mixed = { keep: { b: [1, 2] }, drop: { token: 'abc' } };
    const out = redactValue(mixed, []) as typeof mixed;
    expect(out.keep).toBe(mixed.keep);
    expect(out.drop).toEqual({ token: REDACTED });
  });

  it('redacts keys that hold a secret, keeping them distinct, so no path carries a credential', () => {
    const echoed = { [SECRET]: 1, [`${SECRET}-2`]: { ok: true }, [`Bearer ${'Xy9'.repeat(6)}`]: 'v', plain: 2 };
    const out = redactValue(echoed, [SECRET]);
    expect(JSON.stringify(out)).not.toContain(SECRET);
    expect(JSON.stringify(out)).not.toContain('Xy9Xy9');
    expect(Object.keys(out as object).sort()).toEqual([REDACTED, `${REDACTED}-2`, `Bearer ${REDACTED}`, 'plain'].sort());
    const twice = redactValue({ [`a${SECRET}`]: 1, [`a${SECRET}${SECRET}`]: 2, [`a${REDACTED}`]: 3 }, [SECRET]);
    expect(Object.keys(twice as object).sort()).toEqual([`a${REDACTED}`, `a${REDACTED}#2`, `a${REDACTED}${REDACTED}`].sort());
  });

  it('ignores known secrets shorter than 4 characters (they would shred ordinary text)', () => {
    expect(redactValue('abc abcd', ['abc'])).toBe('abc abcd');
    expect(redactValue('abc abcd', ['abcd'])).toBe(`abc ${REDACTED}`);
  });

  it('keeps a __proto__ key as data', () => {
    const out = redactValue(JSON.parse('{"__proto__": {"token": "x"}}') as JsonValue, []);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"token":"[REDACTED]"}}');
  });
});

describe('redactHeaders', () => {
  it('redacts secret headers by name and known secrets anywhere', () => {
    const out = redactHeaders(
      {
        Authorization: `Bearer ${SECRET}`,
        cookie: 'sid=abc',
        'set-cookie': 'sid=abc; HttpOnly',
        'x-api-key': 'k-123',
        'content-type': 'application/json',
        'x-debug': `echo ${SECRET}`,
        link: '<https://api.example.com/v1/invoices?page=2>; rel="next"',
      },
      [SECRET],
    );
    expect(out).toEqual({
      Authorization: REDACTED,
      cookie: REDACTED,
      'set-cookie': REDACTED,
      'x-api-key': REDACTED,
      'content-type': 'application/json',
      'x-debug': `echo ${REDACTED}`,
      link: '<https://api.example.com/v1/invoices?page=2>; rel="next"',
    });
  });
});

describe('looksLikeSecretValue and redactExample', () => {
  it.each<[string, boolean]>([
    ['aB3dE5fG7hJ9kL1mN3pQ5rS7tV9', true],
    ['0123456789abcdef0123456789abcdef', true],
    ['inv_0001', false],
    ['123e4567-e89b-12d3-a456-426614174000', false],
    ['2026-11-23T09:00:00.000Z', false],
    ['https://pay.example.com/i/aB3dE5fG7hJ9kL1mN3pQ5rS7', false],
    ['Platform subscription for March', false],
  ])('%s: %s', (text, want) => {
    expect(looksLikeSecretValue(text)).toBe(want);
  });

  it('keeps the shape of an example and none of its credential-looking values', () => {
    const example = redactExample({ id: 'inv_1', sig: 'aB3dE5fG7hJ9kL1mN3pQ5rS7tV9', n: 2, list: [{ code: 'f'.repeat(8) + '0123456789abcdef0123456789' }] }, []);
    expect(example).toEqual({ id: 'inv_1', sig: REDACTED, n: 2, list: [{ code: REDACTED }] });
  });
});

describe('redactUrl', () => {
  it.each<[string, string[], string]>([
    ['https://api.example.com/v1/x?api_key=abc123&page=2', [], `https://api.example.com/v1/x?api_key=${REDACTED}&page=2`],
    ['https://api.example.com/v1/x?k=abc123&page=2', ['k'], `https://api.example.com/v1/x?k=${REDACTED}&page=2`],
    ['https://api.example.com/v1/x?K=abc123', ['k'], `https://api.example.com/v1/x?K=${REDACTED}`],
    ['https://user:hunter22@api.example.com/v1', [], `https://user:${REDACTED}@api.example.com/v1`],
    ['https://api.example.com/cb#access_token=abc123&state=s', [], `https://api.example.com/cb#access_token=${REDACTED}&state=s`],
    ['https://api.example.com/v1/x?token_type=bearer', [], 'https://api.example.com/v1/x?token_type=bearer'],
    [`https://api.example.com/v1/${SECRET}/x`, [], `https://api.example.com/v1/${REDACTED}/x`],
    [`https://api.example.com/v1/x?q=${encodeURIComponent(`a b ${SECRET}`)}`, [], `https://api.example.com/v1/x?q=a%20b%20${REDACTED}`],
    ['not a url ?token=abc', [], `not a url ?token=${REDACTED}`],
    ['https://api.example.com/cb?sig=aB3dE5fG7hJ9kL1mN3pQ5rS7tV9&page=2', [], `https://api.example.com/cb?sig=${REDACTED}&page=2`],
  ])('%s', (url, params, want) => {
    expect(redactUrl(url, params, [SECRET])).toBe(want);
  });

  it('finds a known secret in its URL-encoded form', () => {
    const secret = 'p@ss/w0rd!';
    expect(redactUrl(`https://api.example.com/v1/x?q=${encodeURIComponent(secret)}`, [], [secret])).toBe(`https://api.example.com/v1/x?q=${REDACTED}`);
  });
});

describe('redactText', () => {
  it('cleans error messages', () => {
    const message = `GET https://bob:pw12345@api.example.com/v1?apikey=${SECRET} failed: 401 for Bearer ${JWT} (key ${SECRET})`;
    const out = redactText(message, [SECRET]);
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain('pw12345');
    expect(out).not.toContain('eyJ');
    expect(out).toBe(`GET https://bob:${REDACTED}@api.example.com/v1?apikey=${REDACTED} failed: 401 for Bearer ${REDACTED} (key ${REDACTED})`);
  });

  it('leaves ordinary text alone', () => {
    const message = 'connect ECONNREFUSED 127.0.0.1:8080 while fetching https://api.example.com/v1/invoices?page=2';
    expect(redactText(message, [SECRET])).toBe(message);
  });
});
