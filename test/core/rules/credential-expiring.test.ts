import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/credential-expiring.js';
import { credentialExpiryDeltas } from '../../../src/auth-drift/credentials.js';
import { daysFrom, deltaRuleTable, jwt, NOW, testConnector } from '../../owners/rule-table.js';

const bearer = testConnector();
const declared = (date: string) => testConnector({ auth: { type: 'bearer', tokenEnv: 'LEDGERLY_API_KEY', expiresAt: date } });

describe('credential-expiring', () => {
  it('defaults to warning', () => expect(rule.severity).toBe('warning'));
  deltaRuleTable(rule, [
    { name: 'silent for an opaque key', deltas: () => credentialExpiryDeltas(bearer, { LEDGERLY_API_KEY: 'sk_opaque_123' }, NOW, 14), want: [] },
    { name: 'silent for a JWT valid 30 more days', deltas: () => credentialExpiryDeltas(bearer, { LEDGERLY_API_KEY: jwt(daysFrom(NOW, 30)) }, NOW, 14), want: [] },
    {
      name: 'JWT exp in 5 days warns',
      deltas: () => credentialExpiryDeltas(bearer, { LEDGERLY_API_KEY: jwt(daysFrom(NOW, 5.5)) }, NOW, 14),
      want: [{ path: 'auth.LEDGERLY_API_KEY', message: /expires in 5 days.*JWT exp claim/ }],
    },
    {
      name: 'JWT already expired is breaking',
      deltas: () => credentialExpiryDeltas(bearer, { LEDGERLY_API_KEY: jwt(daysFrom(NOW, -2)) }, NOW, 14),
      want: [{ path: 'auth.LEDGERLY_API_KEY', severity: 'breaking', message: /expired on 2026-11-21/ }],
    },
    {
      name: 'declared auth.expiresAt within the window',
      deltas: () => credentialExpiryDeltas(declared('2026-12-01'), {}, NOW, 14),
      want: [{ path: 'auth.LEDGERLY_API_KEY', message: /auth\.expiresAt/ }],
    },
    { name: 'the window is configurable', deltas: () => credentialExpiryDeltas(declared('2026-12-01'), {}, NOW, 3), want: [] },
  ]);
});
