import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/response-enum-value-added.js';
import { changesFor, ruleTable, times } from '../rule-harness.js';

const STATUSES = ['draft', 'open', 'paid', 'void'];
const invoices = (n: number): { status: string }[] => times(n, (i) => ({ status: STATUSES[i % 4] as string })) as { status: string }[];

describe('response-enum-value-added', () => {
  it('defaults to warning', () => expect(rule.severity).toBe('warning'));
  ruleTable(rule, [
    {
      name: 'fires on a new value of a closed set (40 observations of 4 values) that keeps coming (3 of 3 now)',
      given: { before: invoices(40), after: times(3, () => ({ status: 'uncollectible' })) },
      paths: ['$.status'],
    },
    {
      name: 'silent on one sighting of a new value among 2: a rare value the accept happened to miss',
      given: { before: invoices(40), after: [{ status: 'uncollectible' }, { status: 'paid' }] },
      paths: [],
    },
    { name: 'silent when the set was seen too little to call it closed (20 observations of 4 values)', given: { before: invoices(20), after: times(5, () => ({ status: 'uncollectible' })) }, paths: [] },
    {
      name: 'silent when values repeat too little (60 observations of 10 values): names and ids do not repeat like codes',
      given: { before: times(60, (i) => ({ status: `s${i % 10}` })), after: times(5, () => ({ status: 'new' })) },
      paths: [],
    },
    {
      name: 'fires inside list items',
      given: { before: [{ data: invoices(40) }], after: [{ data: [...invoices(3), ...times(5, () => ({ status: 'uncollectible' }))] }] },
      paths: ['$.data[*].status'],
    },
    { name: 'silent on known values', given: { before: invoices(40), after: invoices(3) }, paths: [] },
    {
      name: 'silent when the snapshot saw no closed set (unique values)',
      given: { before: times(6, (i) => ({ status: `s${i}` })), after: [{ status: 'new' }] },
      paths: [],
    },
    { name: 'silent when the field is now always null', given: { before: invoices(20), after: [{ status: null }] }, paths: [] },
  ]);

  it('carries before/after and a readable message', () => {
    const [change] = changesFor(rule, { before: invoices(40), after: times(3, () => ({ status: 'uncollectible' })) });
    expect(change?.after).toEqual(['uncollectible']);
    expect(change?.before).toEqual(['draft', 'open', 'paid', 'void']);
    expect(change?.message).toBe('$.status has new value(s) "uncollectible" in 3 of 3 values now (only "draft", "open", "paid", "void" seen in 40 earlier values)');
  });
});
