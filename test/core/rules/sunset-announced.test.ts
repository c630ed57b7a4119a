import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/sunset-announced.js';
import { classify } from '../../../src/core/classify.js';
import { signalDeltas } from '../../../src/sampler/signal-deltas.js';
import { inDays, NOW, signalRuleTable, signalSample as s } from '../../sampler/signal-rule-table.js';

describe('sunset-announced', () => {
  it('defaults to warning', () => expect(rule.severity).toBe('warning'));
  signalRuleTable(rule, [
    { name: 'silent without the header', samples: [s('list-invoices', { deprecation: {} })], want: [] },
    {
      name: 'a warning outside the window, with the date and the days left',
      samples: [s('list-invoices', { sunset: { date: inDays(45.2), link: 'https://vendor.test/sunset' } })],
      want: [{ endpoint: 'list-invoices', after: '2027-01-07', message: /switches this endpoint off on 2027-01-07 \(Sunset header\), in 45 days: plan the move.*; see https:\/\/vendor\.test\/sunset$/ }],
    },
    {
      name: 'breaking inside the default 30-day window',
      samples: [s('list-invoices', { sunset: { date: inDays(12.5) } })],
      want: [{ endpoint: 'list-invoices', severity: 'breaking', after: '2026-12-05 (within 30 days)', message: /on 2026-12-05 \(Sunset header\), in 12 days, inside the connector's 30-day window: move off it now/ }],
    },
    { name: 'the window is the connector\'s sunsetWarnDays', samples: [s('list-invoices', { sunset: { date: inDays(12.5) } })], warnDays: 7, want: [{ endpoint: 'list-invoices', severity: 'warning', after: '2026-12-05' }] },
    { name: 'breaking on the day itself', samples: [s('list-invoices', { sunset: { date: inDays(0.2) } })], want: [{ endpoint: 'list-invoices', severity: 'breaking', message: /, today, inside/ }] },
    { name: 'breaking once past', samples: [s('list-invoices', { sunset: { date: inDays(-3) } })], want: [{ endpoint: 'list-invoices', severity: 'breaking', after: '2026-11-20 (passed)', message: /2026-11-20, has passed: it may stop answering any night/ }] },
    { name: 'an unreadable date is a warning that quotes it', samples: [s('list-invoices', { sunset: { raw: 'next year' } })], want: [{ endpoint: 'list-invoices', after: 'next year', message: /Sunset: "next year", not a date/ }] },
    { name: 'a link alone', samples: [s('list-invoices', { sunset: { link: 'https://vendor.test/s' } })], want: [{ endpoint: 'list-invoices', after: 'announced', message: /\(no date given\).*see https:\/\/vendor\.test\/s$/ }] },
    {
      name: 'the earliest of several dates decides',
      samples: [s('list-invoices', { sunset: { date: inDays(200) } }, { variant: 'a' }), s('list-invoices', { sunset: { date: inDays(20) } }, { variant: 'b' })],
      want: [{ endpoint: 'list-invoices', severity: 'breaking' }],
    },
  ]);

  it('one drift from the first warning to the last day: the fingerprint holds, the severity and phase move', () => {
    const samples = [s('list-invoices', { sunset: { date: inDays(60) } })];
    const at = (days: number) =>
      classify(signalDeltas(samples, new Date(NOW.getTime() + days * 86_400_000), 30).map(({ endpoint, ...delta }) => ({ source: 'signal' as const, endpoint, delta })), {
        connector: 'billing',
        rules: [rule],
      })[0]!;
    const far = at(0);
    const near = at(40);
    const gone = at(61);
    expect(new Set([far.fingerprint, near.fingerprint, gone.fingerprint]).size).toBe(1);
    expect([far.severity, near.severity, gone.severity]).toEqual(['warning', 'breaking', 'breaking']);
    expect([far.after, near.after, gone.after]).toEqual(['2027-01-22', '2027-01-22 (within 30 days)', '2027-01-22 (passed)']);
    expect(at(1).after).toBe(far.after);
  });
});
