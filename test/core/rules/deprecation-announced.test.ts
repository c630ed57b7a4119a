import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/deprecation-announced.js';
import { classify } from '../../../src/core/classify.js';
import { signalDeltas } from '../../../src/sampler/signal-deltas.js';
import { inDays, NOW, signalRuleTable, signalSample as s } from '../../sampler/signal-rule-table.js';

describe('deprecation-announced', () => {
  it('defaults to warning', () => expect(rule.severity).toBe('warning'));
  signalRuleTable(rule, [
    { name: 'silent without the header', samples: [s('list-invoices', undefined), s('list-invoices', { sunset: { date: inDays(90) } })], want: [] },
    {
      name: 'a past date, with the link',
      samples: [s('list-invoices', { deprecation: { date: '2026-01-01T00:00:00.000Z', link: 'https://vendor.test/migrate' } })],
      want: [{ endpoint: 'list-invoices', after: '2026-01-01', message: /^the vendor deprecated this endpoint on 2026-01-01 \(Deprecation header\).*; see https:\/\/vendor\.test\/migrate$/ }],
    },
    {
      name: 'a future date (RFC 9745 allows one)',
      samples: [s('list-invoices', { deprecation: { date: inDays(10.5) } })],
      want: [{ endpoint: 'list-invoices', message: /will deprecate this endpoint on 2026-12-03, in 10 days/ }],
    },
    { name: 'Deprecation: true (no date)', samples: [s('get-invoice', { deprecation: {} })], want: [{ endpoint: 'get-invoice', after: 'announced', message: /deprecated \(no date given\)/ }] },
    { name: 'an unreadable value is quoted', samples: [s('get-invoice', { deprecation: { raw: 'soon-ish' } })], want: [{ endpoint: 'get-invoice', after: 'soon-ish', message: /Deprecation: "soon-ish", not a date/ }] },
    {
      name: 'one finding per endpoint however many samples, the earliest date first',
      samples: [
        s('list-invoices', { deprecation: { date: '2026-03-01T00:00:00.000Z' } }, { page: 1 }),
        s('list-invoices', { deprecation: { date: '2026-02-01T00:00:00.000Z' } }, { page: 2 }),
        s('get-invoice', { deprecation: { date: '2026-03-01T00:00:00.000Z' } }),
      ],
      want: [
        { endpoint: 'get-invoice', after: '2026-03-01' },
        { endpoint: 'list-invoices', after: '2026-02-01' },
      ],
    },
  ]);

  it('keeps one fingerprint as days pass (the days only word the message)', () => {
    const samples = [s('list-invoices', { deprecation: { date: inDays(40) } })];
    const at = (now: Date) => classify(signalDeltas(samples, now, 30).map(({ endpoint, ...delta }) => ({ source: 'signal' as const, endpoint, delta })), { connector: 'billing', rules: [rule] })[0]!;
    const first = at(NOW);
    const later = at(new Date(NOW.getTime() + 39 * 86_400_000));
    expect(later.fingerprint).toBe(first.fingerprint);
    expect(later.after).toBe(first.after);
    expect(first.message).not.toBe(later.message);
  });
});
