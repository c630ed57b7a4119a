import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/credential-shared.js';
import { sharedCredentialDeltas } from '../../../src/auth-drift/credentials.js';
import { deltaRuleTable, testConnector } from '../../owners/rule-table.js';

const billing = testConnector();
const crm = testConnector({ name: 'crm' });
const payouts = testConnector({ name: 'payouts', auth: { type: 'basic', usernameEnv: 'PAY_USER', passwordEnv: 'LEDGERLY_API_KEY' } });
const shipping = testConnector({ name: 'shipping', auth: { type: 'query', param: 'key', valueEnv: 'SHIP_KEY' } });

describe('credential-shared', () => {
  it('defaults to warning', () => expect(rule.severity).toBe('warning'));
  deltaRuleTable(rule, [
    { name: 'silent when alone', deltas: () => sharedCredentialDeltas(billing, [billing, shipping]), want: [] },
    { name: 'same env var in two connectors', deltas: () => sharedCredentialDeltas(billing, [billing, crm, shipping]), want: [{ path: 'auth.LEDGERLY_API_KEY', message: /also used by crm/ }] },
    {
      name: 'across auth types (bearer token reused as a basic password)',
      deltas: () => sharedCredentialDeltas(billing, [billing, crm, payouts]),
      want: [{ path: 'auth.LEDGERLY_API_KEY', message: /crm, payouts/ }],
    },
  ]);
});
