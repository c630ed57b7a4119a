import { describe, expect, it } from 'vitest';
import { classify, counts, defineRule, fingerprintOf, summarize, UNUSED_SUFFIX, type Observation } from '../../src/core/classify.js';
import type { Delta, Finding } from '../../src/core/model.js';
import { catalogue } from '../../src/core/rules/index.js';

const presence = (present: number, seen: number, absentNow: number, seenNow: number, absent = absentNow) => ({ present, seen, absent, absentNow, seenNow });
const snapshot = (delta: Delta): Observation => ({ source: 'snapshot', endpoint: 'list-invoices', delta });
const ctx = { connector: 'billing' };

const retypedBySamples: Delta = { kind: 'type-changed', location: 'response', path: '$.data[*].amount_due', before: ['integer'], after: ['string'] };
const retypedBySpec: Delta = { ...retypedBySamples, by: 'spec', where: 'GET /v1/invoices' };
const retypedByPact: Delta = { ...retypedBySamples, by: 'pact', where: 'a page of invoices' };

describe('classify: one vendor change, one finding', () => {
  it('merges what the samples, the spec and a pact saw into one finding with every source as evidence', () => {
    const findings = classify(
      [
        { source: 'spec', endpoint: 'list-invoices', delta: retypedBySpec },
        snapshot(retypedBySamples),
        { source: 'pact', endpoint: 'list-invoices', delta: retypedByPact },
      ],
      ctx,
    );
    expect(findings).toHaveLength(1);
    const [finding] = findings as [Finding];
    expect(finding.rule).toBe('response-property-type-changed');
    expect(finding.severity).toBe('breaking');
    // The samples' words head it, whichever source came first.
    expect(finding.message).toBe('$.data[*].amount_due changed type from integer to string');
    expect(finding.evidence.map((e) => e.source)).toEqual(['snapshot', 'pact', 'spec']);
    expect(finding.evidence[1]).toEqual({ source: 'pact', where: 'a page of invoices', message: '"a page of invoices" expects $.data[*].amount_due to be integer; the vendor sends string' });
    expect(finding.evidence[2]?.message).toBe("$.data[*].amount_due is string; the vendor's spec documents integer");
    expect(finding.pinned).toBe(true);
  });

  it('keeps the fingerprint whichever source sees the change first', () => {
    const bySpec = classify([{ source: 'spec', endpoint: 'list-invoices', delta: retypedBySpec }], ctx)[0]!;
    const bySamples = classify([snapshot(retypedBySamples)], ctx)[0]!;
    const byPact = classify([{ source: 'pact', endpoint: 'list-invoices', delta: retypedByPact }], ctx)[0]!;
    expect(bySpec.fingerprint).toBe(bySamples.fingerprint);
    expect(byPact.fingerprint).toBe(bySamples.fingerprint);
    expect(bySamples.fingerprint).toBe(fingerprintOf('billing', 'list-invoices', 'response-property-type-changed', '$.data[*].amount_due'));
  });

  it('decides one severity: a new value the spec forbids and the samples saw is one warning, not a warning and a breaking', () => {
    const seen: Delta = { kind: 'enum-value-added', location: 'response', path: '$.status', before: ['open', 'paid'], after: ['refunded'], evidence: { observations: 40, distinct: 2, longest: 4, newNow: 5, seenNow: 10 } };
    const documented: Delta = { kind: 'enum-value-added', location: 'response', path: '$.status', before: ['open', 'paid'], after: ['refunded'], by: 'spec', where: 'GET /x' };
    const findings = classify([snapshot(seen), { source: 'spec', endpoint: 'list-invoices', delta: documented }], ctx);
    expect(findings.map((f) => [f.rule, f.severity, f.evidence.length])).toEqual([['response-enum-value-added', 'warning', 2]]);
  });

  it('reports a rename once, on the old name', () => {
    const gone: Delta = { kind: 'property-removed', location: 'response', path: '$.customer_email', before: ['string'], presence: presence(40, 40, 10, 10), renamedTo: '$.billing_email' };
    const fresh: Delta = { kind: 'property-added', location: 'response', path: '$.billing_email', after: ['string'], presentNow: 10, seenNow: 10, renamedFrom: { path: '$.customer_email', presence: presence(40, 40, 10, 10) } };
    const findings = classify([snapshot(gone), snapshot(fresh)], ctx);
    expect(findings.map((f) => [f.rule, f.path])).toEqual([['response-property-removed', '$.customer_email']]);
    expect(findings[0]?.message).toContain('was renamed to $.billing_email');
  });
});

describe('classify: the severity policy', () => {
  const removed = snapshot({ kind: 'property-removed', location: 'response', path: '$.z', before: ['string'], presence: presence(30, 30, 5, 5) });
  const added = snapshot({ kind: 'property-added', location: 'response', path: '$.a', after: ['string'], presentNow: 2, seenNow: 2 });

  it('lets the consumer override a severity per rule id, over the rule verdict too', () => {
    const loud = defineRule({ id: 'loud', severity: 'info', summary: 's', on: 'property-added', match: () => ({ message: 'm', severity: 'warning' }) });
    expect(classify([added], { ...ctx, rules: [loud] })[0]?.severity).toBe('warning');
    expect(classify([added], { ...ctx, rules: [loud], severity: { loud: 'breaking' } })[0]?.severity).toBe('breaking');
  });

  it('tells a consumer with contracts at most a warning about what none pins, and says so', () => {
    const usage = { hasPacts: true, pinned: new Map([['list-invoices', new Set(['$', '$.id'])]]) };
    const [finding] = classify([removed], { ...ctx, usage });
    expect(finding?.severity).toBe('warning');
    expect(finding?.pinned).toBe(false);
    expect(finding?.message.endsWith(`(${UNUSED_SUFFIX})`)).toBe(true);
    const pinned = { hasPacts: true, pinned: new Map([['list-invoices', new Set(['$', '$.z'])]]) };
    expect(classify([removed], { ...ctx, usage: pinned })[0]?.severity).toBe('breaking');
  });

  it('does not downgrade a webhook payload change that only HTTP pacts exist beside; a message pact pins it like a body', () => {
    const onEvent = { ...removed, endpoint: 'event:invoice.paid' };
    const httpOnly = { hasPacts: true, pinned: new Map([['list-invoices', new Set(['$', '$.id'])]]) };
    expect(classify([onEvent], { ...ctx, usage: httpOnly })[0]?.severity).toBe('breaking');
    const messagePact = { hasPacts: true, pinned: new Map([['event:invoice.paid', new Set(['$', '$.id'])]]) };
    expect(classify([onEvent], { ...ctx, usage: messagePact })[0]?.severity).toBe('warning');
  });

  it('marks findings an ignore entry accepts, until it expires', () => {
    const ignore = [{ rule: 'response-property-removed', path: '$.*', reason: 'known', expires: '2026-12-01' }];
    expect(classify([removed], { ...ctx, ignore, today: '2026-12-01' })[0]?.suppressed?.reason).toBe('known');
    expect(classify([removed], { ...ctx, ignore, today: '2026-12-02' })[0]?.suppressed).toBeUndefined();
  });

  it('sorts breaking first, then by place and path', () => {
    const findings = classify([added, removed], ctx);
    expect(findings.map((f) => `${f.severity} ${f.path}`)).toEqual(['breaking $.z', 'info $.a']);
  });

  it('fires every rule listening to a kind, and only those', () => {
    const one = defineRule({ id: 'one', severity: 'info', summary: '', on: 'property-added', match: () => ({ message: '1' }) });
    const two = defineRule({ id: 'two', severity: 'info', summary: '', on: 'property-added', match: () => ({ message: '2' }) });
    const other = defineRule({ id: 'other', severity: 'info', summary: '', on: 'runbook-missing', match: () => ({ message: 'x' }) });
    expect(classify([added], { ...ctx, rules: [one, two, other] }).map((f) => f.rule).sort()).toEqual(['one', 'two']);
  });
});

describe('counts and summarize', () => {
  it('leave out suppressed and accepted findings', () => {
    const findings = classify(
      [snapshot(retypedBySamples), snapshot({ kind: 'property-added', location: 'response', path: '$.a', after: ['string'], presentNow: 1, seenNow: 1 })],
      ctx,
    );
    expect(summarize(findings)).toEqual({ breaking: 1, warning: 0, info: 1 });
    const settled = findings.map((f, i) => (i === 0 ? { ...f, accepted: { at: '2026-12-01T00:00:00.000Z' } } : { ...f, suppressed: { reason: 'known' } }));
    expect(settled.filter(counts)).toEqual([]);
    expect(summarize(settled)).toEqual({ breaking: 0, warning: 0, info: 0 });
  });
});

describe('fingerprintOf', () => {
  it('is 12 hex characters, stable, and distinct per part', () => {
    const f = fingerprintOf('billing', 'list-invoices', 'response-property-removed', '$.z');
    expect(f).toMatch(/^[0-9a-f]{12}$/);
    expect(fingerprintOf('billing', 'list-invoices', 'response-property-removed', '$.z')).toBe(f);
    expect(fingerprintOf('billing', 'list-invoices', 'response-property-removed', '$.y')).not.toBe(f);
    expect(fingerprintOf('billing', 'list-invoices', 'response-property-added', '$.z')).not.toBe(f);
    expect(fingerprintOf('billin', 'glist-invoices', 'response-property-removed', '$.z')).not.toBe(f);
  });
});

describe('defineRule', () => {
  it('returns the rule, and throws on a malformed id or severity', () => {
    const rule = { id: 'good-id-2', severity: 'info' as const, summary: '', on: 'runbook-missing' as const, match: () => null };
    expect(defineRule(rule)).toBe(rule);
    for (const id of ['Bad', 'bad_id', '-bad', 'bad-', 'bad--id', '']) {
      expect(() => defineRule({ ...rule, id })).toThrow(/kebab-case/);
    }
    expect(() => defineRule({ ...rule, severity: 'fatal' as never })).toThrow(/severity/);
  });

  it('has checked every rule of the catalogue', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(10);
  });
});
