import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../src/core/model.js';
import rule from '../../../src/core/rules/response-property-removed.js';
import { changesFor, ruleTable, times } from '../rule-harness.js';

// The evidence policy: absence must be improbable under what was seen (a uniform prior on presence, chance <= 1/1000)
// and the field must have looked required (>= 95 %). After 20 of 20, 3 absent objects are enough; after 5 of 5, 7.
describe('response-property-removed', () => {
  it('defaults to breaking', () => expect(rule.severity).toBe('breaking'));
  ruleTable(rule, [
    {
      name: 'fires when a field 20 of 20 objects had is absent from 3 current objects',
      given: { before: times(20, (i) => ({ id: i, amount_due: 10 })), after: times(3, (i) => ({ id: i })) },
      paths: ['$.amount_due'],
    },
    {
      name: 'silent on 2 absent objects after 20 of 20: that happens by chance more than once in a thousand',
      given: { before: times(20, (i) => ({ id: i, amount_due: 10 })), after: times(2, (i) => ({ id: i })) },
      paths: [],
    },
    {
      name: 'silent on 6 absent objects after only 5 of 5, fires on 7',
      given: { before: times(5, (i) => ({ id: i, amount_due: 10 })), after: times(6, (i) => ({ id: i })) },
      paths: [],
    },
    {
      name: 'fires on 7 absent objects after 5 of 5',
      given: { before: times(5, (i) => ({ id: i, amount_due: 10 })), after: times(7, (i) => ({ id: i })) },
      paths: ['$.amount_due'],
    },
    {
      name: 'fires inside list items, with [*] in the path',
      given: {
        before: times(3, () => ({ data: times(10, (i) => ({ id: i, amount_due: i })) })),
        after: [{ data: times(10, (i) => ({ id: i })) }],
      },
      paths: ['$.data[*].amount_due'],
    },
    {
      name: 'silent when the field was optional (present in 60 % of objects), however long it is absent',
      given: { before: times(40, (i): JsonValue => (i % 5 < 3 ? { a: 1, n: 1 } : { a: 1 })), after: times(30, () => ({ a: 1 })) },
      paths: [],
    },
    {
      name: 'silent when some current sample still has it (that is became-optional)',
      given: { before: times(30, () => ({ a: 1, n: 1 })), after: [{ a: 1 }, { a: 1, n: 2 }] },
      paths: [],
    },
    {
      name: 'silent about the children of a list that is empty in this run',
      given: { before: [{ data: times(25, (i) => ({ id: i })) }], after: [{ data: [] }] },
      paths: [],
    },
    {
      name: 'silent about the children of an object that is now always null',
      given: { before: times(25, () => ({ customer: { id: 'c', email: 'e@x.io' } })), after: [{ customer: null }] },
      paths: [],
    },
    {
      name: 'reports only the removed parent, not its children',
      given: { before: times(25, () => ({ id: 1, customer: { id: 'c', address: { city: 'x' } } })), after: times(3, () => ({ id: 1 })) },
      paths: ['$.customer'],
    },
    {
      name: 'silent when the body is unchanged',
      given: { before: times(30, (i) => ({ id: i, x: 'a' })), after: times(3, (i) => ({ id: i, x: 'b' })) },
      paths: [],
    },
    {
      name: 'quotes keys that need it',
      given: { before: times(25, () => ({ 'amount due': 1, ok: true })), after: times(3, () => ({ ok: true })) },
      paths: ["$['amount due']"],
    },
  ]);

  it('carries before/after and a readable message with the evidence in numbers', () => {
    const [change] = changesFor(rule, { before: times(20, () => ({ a: 1, gone: 'x' })), after: times(3, () => ({ a: 1 })) });
    expect(change?.before).toEqual(['string']);
    expect(change?.message).toBe('$.gone was removed (present in 20 of 20 earlier objects, absent from the last 3 objects)');
  });

  it('says a rename when a same-typed field appeared beside it, and is then the only finding', () => {
    const [change] = changesFor(rule, {
      before: times(20, (i) => ({ id: i, customer_email: `a${i}@x.io` })),
      after: times(4, (i) => ({ id: i, billing_email: `a${i}@x.io` })),
    });
    expect(change?.message).toContain('was renamed to $.billing_email');
  });

  it('does not guess a rename when two fields of the same type appeared', () => {
    const [change] = changesFor(rule, {
      before: times(20, (i) => ({ id: i, customer_email: `a${i}@x.io` })),
      after: times(4, (i) => ({ id: i, billing_email: `a${i}@x.io`, contact_email: `b${i}@x.io` })),
    });
    expect(change?.message).not.toContain('renamed');
  });
});
