import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify.js';
import { inferShape } from '../../../src/core/infer.js';
import type { JsonValue } from '../../../src/core/model.js';
import rule from '../../../src/core/rules/pact-pin-type-mismatch.js';
import { comparePinsWithSnapshot } from '../../../src/pact/compare-snapshot.js';
import { interactionOf } from '../../pact/pact-fixtures.js';

interface Row {
  name: string;
  pact: JsonValue;
  rules?: Record<string, Array<{ match: string }>>;
  snapshot: JsonValue[];
  want: Array<{ path: string; before: string; after: string }>;
}

const rows: Row[] = [
  { name: 'silent when the types agree', pact: { amount_due: 1250 }, snapshot: [{ amount_due: 99 }], want: [] },
  { name: 'fires when the pact wants a number and the vendor sends a string', pact: { amount_due: 1250 }, snapshot: [{ amount_due: '12.50' }], want: [{ path: '$.amount_due', before: 'integer or number', after: 'string' }] },
  {
    name: 'an integer matcher rejects decimals the snapshot saw',
    pact: { rate: 1 },
    rules: { '$.rate': [{ match: 'integer' }] },
    snapshot: [{ rate: 1.5 }],
    want: [{ path: '$.rate', before: 'integer', after: 'number' }],
  },
  { name: 'fires inside list items', pact: { data: [{ paid: true }] }, snapshot: [{ data: [{ paid: 'yes' }] }], want: [{ path: '$.data[*].paid', before: 'boolean', after: 'string' }] },
  { name: 'null in the snapshot is nullability, not a type clash', pact: { due: '2026-01-01' }, snapshot: [{ due: '2026-01-02' }, { due: null }], want: [] },
];

describe('pact-pin-type-mismatch', () => {
  it('defaults to breaking', () => expect(rule.severity).toBe('breaking'));
  it('reads real MatchersV3 output', () => {
    expect(MatchersV3.integer(1)).toMatchObject({ 'pact:matcher:type': 'integer' });
  });
  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const interaction = interactionOf({ description: 'reads amounts', body: row.pact, rules: row.rules ?? {} });
    const deltas = comparePinsWithSnapshot(interaction, inferShape(row.snapshot));
    const changes = classify(deltas, { connector: 'billing', endpoint: 'e', source: 'pact', rules: [rule] });
    expect(changes.map((c) => ({ path: c.path, before: c.before, after: c.after }))).toEqual(row.want);
    for (const change of changes) expect(change.severity).toBe('breaking');
  });
});
