import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/response-property-removed.js';
import { changesFor, ruleTable, times } from '../rule-harness.js';

describe('response-property-removed', () => {
  it('defaults to breaking', () => expect(rule.severity).toBe('breaking'));
  ruleTable(rule, [
    {
      name: 'fires when a field every snapshot object had is absent from every current sample',
      given: { before: times(4, (i) => ({ id: i, amount_due: 10 })), after: times(3, (i) => ({ id: i })) },
      paths: ['$.amount_due'],
    },
    {
      name: 'fires inside list items, with [*] in the path',
      given: {
        before: [{ data: times(10, (i) => ({ id: i, amount_due: i })) }],
        after: [{ data: times(10, (i) => ({ id: i })) }],
      },
      paths: ['$.data[*].amount_due'],
    },
    {
      name: 'fires when the snapshot saw it in most (3 of 4) objects',
      given: { before: [{ a: 1, n: 1 }, { a: 1, n: 1 }, { a: 1, n: 1 }, { a: 1 }], after: [{ a: 1 }, { a: 2 }] },
      paths: ['$.n'],
    },
    {
      name: 'silent when the snapshot saw it in only half of its objects (no clear evidence)',
      given: { before: [{ a: 1, n: 1 }, { a: 1 }], after: [{ a: 1 }, { a: 2 }] },
      paths: [],
    },
    {
      name: 'silent when some current sample still has it (that is became-optional)',
      given: { before: times(4, () => ({ a: 1, n: 1 })), after: [{ a: 1 }, { a: 1, n: 2 }] },
      paths: [],
    },
    {
      name: 'silent about the children of a list that is empty in this run',
      given: { before: [{ data: times(5, (i) => ({ id: i })) }], after: [{ data: [] }] },
      paths: [],
    },
    {
      name: 'silent about the children of an object that is now always null',
      given: { before: [{ customer: { id: 'c', email: 'e@x.io' } }], after: [{ customer: null }] },
      paths: [],
    },
    {
      name: 'reports only the removed parent, not its children',
      given: { before: times(2, () => ({ id: 1, customer: { id: 'c', address: { city: 'x' } } })), after: [{ id: 1 }] },
      paths: ['$.customer'],
    },
    {
      name: 'silent when the body is unchanged',
      given: { before: times(3, (i) => ({ id: i, x: 'a' })), after: times(3, (i) => ({ id: i, x: 'b' })) },
      paths: [],
    },
    {
      name: 'quotes keys that need it',
      given: { before: [{ 'amount due': 1, ok: true }], after: [{ ok: true }] },
      paths: ["$['amount due']"],
    },
  ]);

  it('carries before/after and a readable message', () => {
    const [change] = changesFor(rule, { before: times(4, () => ({ a: 1, gone: 'x' })), after: [{ a: 1 }] });
    expect(change?.before).toBe('string');
    expect(change?.message).toBe('$.gone was removed (present in 4 of 4 snapshot objects, absent from the 1 current object)');
  });

  it('points at the likely new name when a same-typed field appeared beside it', () => {
    const [change] = changesFor(rule, {
      before: times(4, (i) => ({ id: i, customer_email: `a${i}@x.io` })),
      after: times(4, (i) => ({ id: i, billing_email: `a${i}@x.io` })),
    });
    expect(change?.message).toContain('looks renamed to $.billing_email');
  });

  it('does not guess a rename when two fields of the same type appeared', () => {
    const [change] = changesFor(rule, {
      before: times(4, (i) => ({ id: i, customer_email: `a${i}@x.io` })),
      after: times(4, (i) => ({ id: i, billing_email: `a${i}@x.io`, contact_email: `b${i}@x.io` })),
    });
    expect(change?.message).not.toContain('renamed');
  });
});
