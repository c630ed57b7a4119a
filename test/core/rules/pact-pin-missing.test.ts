import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify.js';
import { inferShape } from '../../../src/core/infer.js';
import type { JsonValue, Severity } from '../../../src/core/model.js';
import rule from '../../../src/core/rules/pact-pin-missing.js';
import { comparePinsWithSnapshot } from '../../../src/pact/compare-snapshot.js';
import { interactionOf } from '../../pact/pact-fixtures.js';

interface Row {
  name: string;
  /** The body the pact expects. */
  pact: JsonValue;
  /** Bodies the accepted snapshot was inferred from. */
  snapshot: JsonValue[];
  want: Array<{ path: string; severity: Severity }>;
}

const rows: Row[] = [
  { name: 'silent when every pinned field is always there', pact: { id: 'a', amount_due: 1 }, snapshot: [{ id: 'b', amount_due: 2, extra: true }], want: [] },
  { name: 'fires on a pinned field the snapshot never saw', pact: { id: 'a', amount_due: 1 }, snapshot: [{ id: 'b', amount: 2 }], want: [{ path: '$.amount_due', severity: 'breaking' }] },
  {
    name: 'fires inside list items, with [*] in the path',
    pact: { data: [{ id: 'x', customer_email: 'a@b.example' }] },
    snapshot: [{ data: [{ id: 'y', billing_email: 'c@d.example' }] }],
    want: [{ path: '$.data[*].customer_email', severity: 'breaking' }],
  },
  {
    name: 'warns when the snapshot saw the field in only some objects',
    pact: { id: 'a', due_date: '2026-01-01' },
    snapshot: [{ id: 'a', due_date: '2026-01-01' }, { id: 'b' }],
    want: [{ path: '$.due_date', severity: 'warning' }],
  },
  { name: 'silent about fields the pact does not pin', pact: { id: 'a' }, snapshot: [{ id: 'a' }, { id: 'b', note: 'x' }], want: [] },
];

describe('pact-pin-missing', () => {
  it('defaults to breaking', () => expect(rule.severity).toBe('breaking'));
  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const interaction = interactionOf({ description: 'reads invoices', body: row.pact });
    const deltas = comparePinsWithSnapshot(interaction, inferShape(row.snapshot));
    const changes = classify(deltas, { connector: 'billing', endpoint: 'list-invoices', source: 'pact', rules: [rule] });
    expect(changes.map((c) => ({ path: c.path, severity: c.severity }))).toEqual(row.want);
    for (const change of changes) expect(change.message).toContain('"reads invoices" pins');
  });
});
