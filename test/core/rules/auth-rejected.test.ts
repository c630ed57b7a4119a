import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/auth-rejected.js';
import { authRejectedDeltas } from '../../../src/auth-drift/credentials.js';
import type { SampleOutcome } from '../../../src/core/model.js';
import { deltaRuleTable, testConnector } from '../../owners/rule-table.js';

const failure = (endpoint: string, kind: 'auth-rejected' | 'timeout', status?: number): SampleOutcome => ({
  ok: false,
  failure: { connector: 'billing', endpoint, kind, message: 'x', latencyMs: 1, attempts: 1, takenAt: '2026-11-23T09:00:00Z', ...(status ? { status } : {}) },
});
const billing = testConnector();
const crm = testConnector({ name: 'crm' });
const other = testConnector({ name: 'shipping', auth: { type: 'header', headerName: 'x-api-key', valueEnv: 'SHIP_KEY' } });

describe('auth-rejected', () => {
  it('defaults to breaking', () => expect(rule.severity).toBe('breaking'));
  deltaRuleTable(rule, [
    { name: 'silent on a timeout', deltas: () => authRejectedDeltas(billing, [failure('list-invoices', 'timeout')], [billing]), want: [] },
    {
      name: '401 names the env var',
      deltas: () => authRejectedDeltas(billing, [failure('list-invoices', 'auth-rejected', 401)], [billing, other]),
      want: [{ path: 'auth', message: /HTTP 401\) for the credential in \$LEDGERLY_API_KEY$/ }],
    },
    {
      name: '403 names the connectors sharing the credential',
      deltas: () => authRejectedDeltas(billing, [failure('list-invoices', 'auth-rejected', 403)], [billing, crm, other]),
      want: [{ path: 'auth', message: /HTTP 403.*also used by crm/ }],
    },
  ]);
});
