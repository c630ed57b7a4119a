import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/response-property-added.js';
import { ruleTable, times } from '../rule-harness.js';

describe('response-property-added', () => {
  it('defaults to info', () => expect(rule.severity).toBe('info'));
  ruleTable(rule, [
    {
      name: 'fires on a field the snapshot never saw',
      given: { before: times(2, () => ({ id: 1 })), after: [{ id: 1, amount_owed: 5 }] },
      paths: ['$.amount_owed'],
    },
    {
      name: 'fires once for a new object, not for its children',
      given: { before: [{ id: 1 }], after: [{ id: 1, shipping: { city: 'x', zip: '1' } }] },
      paths: ['$.shipping'],
    },
    {
      name: 'fires inside list items',
      given: { before: [{ data: [{ id: 1 }, { id: 2 }] }], after: [{ data: [{ id: 1, tax: 2 }] }] },
      paths: ['$.data[*].tax'],
    },
    {
      name: 'silent when the fields are the same',
      given: { before: [{ id: 1, a: 'x' }], after: [{ a: 'y', id: 2 }] },
      paths: [],
    },
    {
      name: 'a rename is one removal and one addition: here the addition',
      given: { before: times(3, () => ({ amount_due: 1 })), after: [{ amount_owed: 1 }] },
      paths: ['$.amount_owed'],
    },
  ]);
});
