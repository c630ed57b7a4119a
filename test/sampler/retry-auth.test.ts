// Pure sampler helpers: backoff with full jitter, Retry-After parsing, and auth resolution from the environment.
import { describe, expect, it } from 'vitest';
import { resolveAuth } from '../../src/sampler/auth.js';
import { parseRetryAfter } from '../../src/core/retry-after.js';
import { backoffDelay, isRetryableStatus, retryDelay } from '../../src/sampler/retry.js';

const NOW = new Date('2026-11-23T10:00:00.000Z');

describe('backoffDelay', () => {
  it('draws uniformly below an exponential ceiling capped at maxDelayMs', () => {
    const options = { baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5 };
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, options))).toEqual([50, 100, 200, 400, 500]);
    expect(backoffDelay(3, { ...options, random: () => 0 })).toBe(0);
    expect(backoffDelay(3, { ...options, random: () => 0.999999 })).toBe(399);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['1', 1000],
    ['  120 ', 120_000],
    ['0', 0],
    ['Mon, 23 Nov 2026 10:00:30 GMT', 30_000],
    ['Mon, 23 Nov 2026 09:00:00 GMT', 0],
  ])('reads %j as %i ms', (value, want) => {
    expect(parseRetryAfter(value, NOW)).toBe(want);
  });

  it.each([[undefined], [''], ['soon'], ['-5'], ['1.5']])('ignores %j', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});

describe('retryDelay', () => {
  const options = { baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5, retryAfterCapMs: 5000, now: NOW };
  it('prefers the vendor Retry-After, capped', () => {
    expect(retryDelay(1, '2', options)).toBe(2000);
    expect(retryDelay(1, '3600', options)).toBe(5000);
  });
  it('falls back to jittered backoff without a usable Retry-After', () => {
    expect(retryDelay(2, undefined, options)).toBe(100);
    expect(retryDelay(2, 'later', options)).toBe(100);
  });
  it('retries 429 and 5xx only', () => {
    expect([200, 301, 400, 401, 404, 429, 500, 503, 599].filter(isRetryableStatus)).toEqual([429, 500, 503, 599]);
  });
});

describe('resolveAuth', () => {
  it('builds bearer, header, query and basic credentials and lists the secrets', () => {
    expect(resolveAuth({ type: 'none' }, {})).toEqual({ ok: true, headers: {}, query: {}, secrets: [], secretParams: [] });
    expect(resolveAuth({ type: 'bearer', tokenEnv: 'T' }, { T: 'tok-123456' })).toEqual({
      ok: true,
      headers: { authorization: 'Bearer tok-123456' },
      query: {},
      secrets: ['tok-123456'],
      secretParams: [],
    });
    expect(resolveAuth({ type: 'header', headerName: 'X-Api-Key', valueEnv: 'K' }, { K: 'key-987654' })).toMatchObject({
      headers: { 'x-api-key': 'key-987654' },
      secrets: ['key-987654'],
    });
    expect(resolveAuth({ type: 'query', param: 'api_key', valueEnv: 'K' }, { K: 'q-secret-1' })).toMatchObject({
      headers: {},
      query: { api_key: 'q-secret-1' },
      secrets: ['q-secret-1'],
      secretParams: ['api_key'],
    });
    const basic = resolveAuth({ type: 'basic', usernameEnv: 'U', passwordEnv: 'P' }, { U: 'admin', P: 'hunter22' });
    const encoded = Buffer.from('admin:hunter22').toString('base64');
    // A short username like `admin` is not scrubbed: it would redact ordinary words in bodies.
    expect(basic).toEqual({ ok: true, headers: { authorization: `Basic ${encoded}` }, query: {}, secrets: ['hunter22', encoded], secretParams: [] });
    const keyAsUser = resolveAuth({ type: 'basic', usernameEnv: 'U', passwordEnv: 'P' }, { U: 'sk_test_0123456789abcdef', P: 'x' });
    expect(keyAsUser.ok && keyAsUser.secrets).toContain('sk_test_0123456789abcdef');
  });

  it('reports every unset or empty variable', () => {
    expect(resolveAuth({ type: 'basic', usernameEnv: 'U', passwordEnv: 'P' }, { U: '' })).toEqual({ ok: false, missing: ['U', 'P'] });
    expect(resolveAuth({ type: 'bearer', tokenEnv: 'T' }, {})).toEqual({ ok: false, missing: ['T'] });
  });
});
