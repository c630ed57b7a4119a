// JWT expiry is read from the token's payload; anything that is not a JWT has no expiry.
import { describe, expect, it } from 'vitest';
import { readJwtExpiry } from '../../src/auth-drift/jwt.js';
import { credentialExpiry } from '../../src/auth-drift/credentials.js';
import { jwt, testConnector } from '../owners/rule-table.js';

describe('readJwtExpiry', () => {
  it.each([
    ['a JWT with exp', jwt(1_800_000_000), new Date(1_800_000_000_000)],
    ['a JWT with a Bearer prefix', `Bearer ${jwt(1_800_000_000)}`, new Date(1_800_000_000_000)],
    ['a JWT without exp', jwt(undefined), null],
    ['an opaque key', 'sk_live_51HxYzAbCdEf', null],
    ['three dots of garbage', 'a.b.c', null],
    ['a payload that is not JSON', `${Buffer.from('{"alg":"none"}').toString('base64url')}.bm90IGpzb24.x`, null],
  ] as const)('%s', (_name, token, want) => {
    expect(readJwtExpiry(token)).toEqual(want);
  });

  it('the earlier of auth.expiresAt and the JWT exp wins', () => {
    const declared = testConnector({ auth: { type: 'header', headerName: 'x-api-key', valueEnv: 'KEY', expiresAt: '2026-12-01' } });
    expect(credentialExpiry(declared, { KEY: jwt(new Date('2026-11-25T00:00:00Z')) })).toEqual({ env: 'KEY', expiresAt: new Date('2026-11-25T00:00:00Z'), source: 'jwt' });
    expect(credentialExpiry(declared, { KEY: jwt(new Date('2027-01-01T00:00:00Z')) })?.source).toBe('expiresAt');
    expect(credentialExpiry(testConnector({ auth: { type: 'none' } }), {})).toBeUndefined();
  });
});
