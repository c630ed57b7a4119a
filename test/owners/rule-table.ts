// Table tests for the ownership and auth rules: real deltas from the real evaluators, run through classify.
import { expect, it } from 'vitest';
import { classify } from '../../src/core/classify.js';
import type { Connector, Delta, Severity } from '../../src/core/model.js';
import type { AnyRule } from '../../src/core/rule.js';
import { DEFAULT_ERROR_ENVELOPE, DEFAULT_LIMITS, DEFAULT_SUNSET_WARN_DAYS } from '../../src/config/validate-connector.js';
import { emptyRegistry, type OwnerPerson, type OwnersRegistry } from '../../src/core/ownership.js';

export interface Row {
  name: string;
  deltas: () => Delta[];
  /** Paths the rule fires on with their severity; empty when it must stay silent. */
  want: Array<{ path: string; severity?: Severity; message?: RegExp }>;
}

export function deltaRuleTable(rule: AnyRule, rows: readonly Row[]): void {
  it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const changes = classify(
      row.deltas().map((delta) => ({ source: delta.location === 'auth' ? ('auth' as const) : ('ownership' as const), endpoint: '*', delta })),
      { connector: 'billing', rules: [rule] },
    );
    expect(changes.map((c) => c.path)).toEqual(row.want.map((w) => w.path));
    changes.forEach((change, i) => {
      const want = row.want[i]!;
      expect(change.rule).toBe(rule.id);
      expect(change.severity).toBe(want.severity ?? rule.severity);
      expect(change.message.length).toBeGreaterThan(10);
      if (want.message) expect(change.message).toMatch(want.message);
    });
  });
}

export function testConnector(over: Partial<Connector> = {}): Connector {
  return {
    name: 'billing',
    vendor: 'Ledgerly',
    owner: { name: 'Dana Reyes', slack: '@dana', email: 'dana@example.com' },
    dataOwner: 'Finance operations',
    runbook: 'https://wiki.example.com/runbooks/billing',
    businessProcess: 'Month-end invoicing',
    failureMode: 'Invoices stop syncing',
    baseUrl: 'http://127.0.0.1:4010',
    timeoutMs: 1000,
    maxBodyBytes: 1_000_000,
    concurrency: 2,
    auth: { type: 'bearer', tokenEnv: 'LEDGERLY_API_KEY' },
    limits: { ...DEFAULT_LIMITS },
    errorEnvelope: [...DEFAULT_ERROR_ENVELOPE],
    sunsetWarnDays: DEFAULT_SUNSET_WARN_DAYS,
    endpoints: [{ id: 'list-invoices', method: 'GET', path: '/v1/invoices', query: {}, headers: {}, expectStatus: 200, safe: false, samples: 1, pages: 1, variants: [] }],
    severity: {},
    ignore: [],
    dir: '/tmp/contracts/billing',
    file: '/tmp/contracts/billing/connector.yaml',
    ...over,
  };
}

export function person(id: string, name: string, over: Partial<OwnerPerson> = {}): OwnerPerson {
  return { id, name, kind: 'person', active: true, members: [], ...over };
}

/** A registry as if read from contracts/owners.yaml, with Dana and the finance team, billing reviewed on `reviewedAt`. */
export function registry(over: Partial<OwnersRegistry> = {}, reviewedAt = '2026-11-01'): OwnersRegistry {
  return {
    ...emptyRegistry(),
    file: '/tmp/contracts/owners.yaml',
    people: [
      person('dana', 'Dana Reyes', { slack: '@dana', slackId: 'U024DANA' }),
      { ...person('finance-ops', 'Finance operations', { slack: '#finance-ops' }), kind: 'team' },
    ],
    connectors: { billing: { channel: '#billing-integrations', reviewedAt } },
    ...over,
  };
}

export const NOW = new Date('2026-11-23T09:00:00Z');

/** An unsigned JWT whose `exp` is `exp` (the signature is not checked by anyone reading expiry). */
export function jwt(exp: Date | number | undefined): string {
  const enc = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const payload = exp === undefined ? { sub: 'svc' } : { sub: 'svc', exp: typeof exp === 'number' ? exp : Math.floor(exp.getTime() / 1000) };
  return `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(payload)}.c2lnbmF0dXJl`;
}

export function daysFrom(now: Date, days: number): Date {
  return new Date(now.getTime() + days * 86_400_000);
}
