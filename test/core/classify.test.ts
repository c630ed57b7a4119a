import { describe, expect, it } from 'vitest';
import { classify, defineRule, fingerprintOf, summarize } from '../../src/core/classify.js';
import type { Change, Delta } from '../../src/core/model.js';
import { catalogue } from '../../src/core/rules/index.js';

const ctx = { connector: 'billing', endpoint: 'list-invoices', source: 'snapshot' as const };
const deltas: Delta[] = [
  { kind: 'property-added', location: 'response', path: '$.a', after: 'string' },
  { kind: 'property-removed', location: 'response', path: '$.z', before: 'string', detail: { presentBefore: 3, seenBefore: 3, ratioBefore: 1 } },
  { kind: 'became-optional', location: 'response', path: '$.m', detail: { presentAfter: 1, seenAfter: 2 } },
  { kind: 'property-removed', location: 'response', path: '$.b', before: 'integer', detail: {} },
];

describe('classify', () => {
  it('runs the catalogue by default and sorts breaking first, then by path', () => {
    const changes = classify(deltas, ctx);
    expect(changes.map((c) => `${c.severity} ${c.rule} ${c.path}`)).toEqual([
      'breaking response-property-removed $.b',
      'breaking response-property-removed $.z',
      'warning response-property-became-optional $.m',
      'info response-property-added $.a',
    ]);
    expect(changes[1]).toEqual({
      connector: 'billing',
      endpoint: 'list-invoices',
      rule: 'response-property-removed',
      severity: 'breaking',
      path: '$.z',
      before: 'string',
      message: '$.z was removed (present in 3 of 3 snapshot objects, absent from all current samples)',
      source: 'snapshot',
      fingerprint: fingerprintOf('billing', 'list-invoices', 'response-property-removed', '$.z'),
    });
  });

  it('lets the consumer override a severity per rule id, over the rule verdict too', () => {
    const loud = defineRule({ id: 'loud', severity: 'info', summary: 's', match: () => ({ message: 'm', severity: 'warning' }) });
    expect(classify(deltas.slice(0, 1), { ...ctx, rules: [loud] })[0]?.severity).toBe('warning');
    expect(classify(deltas.slice(0, 1), { ...ctx, rules: [loud], severity: { loud: 'breaking' } })[0]?.severity).toBe('breaking');
    const changes = classify(deltas, { ...ctx, severity: { 'response-property-removed': 'warning' } });
    expect(changes.filter((c) => c.rule === 'response-property-removed').map((c) => c.severity)).toEqual(['warning', 'warning']);
  });

  it('leaves request deltas to request rules: response rules do not fire on them', () => {
    expect(classify([{ ...deltas[1]!, location: 'request' }], ctx)).toEqual([]);
  });

  it('fires every matching rule on a delta, and none on unknown kinds', () => {
    const twice = [defineRule({ id: 'one', severity: 'info', summary: '', match: () => ({ message: '1' }) }), defineRule({ id: 'two', severity: 'info', summary: '', match: () => ({ message: '2' }) })];
    expect(classify(deltas.slice(0, 1), { ...ctx, rules: twice }).map((c) => c.rule)).toEqual(['one', 'two']);
    expect(classify([{ kind: 'something-new', location: 'response', path: '$' }], ctx)).toEqual([]);
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

describe('summarize', () => {
  it('counts by severity, leaving out suppressed changes', () => {
    const changes = classify(deltas, ctx);
    expect(summarize(changes)).toEqual({ breaking: 2, warning: 1, info: 1 });
    const suppressed: Change[] = changes.map((c, i) => (i === 0 ? { ...c, suppressed: { reason: 'known' } } : c));
    expect(summarize(suppressed)).toEqual({ breaking: 1, warning: 1, info: 1 });
  });
});

describe('defineRule', () => {
  it('returns the rule, and throws on a malformed id or severity', () => {
    const rule = { id: 'good-id-2', severity: 'info' as const, summary: '', match: () => null };
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
