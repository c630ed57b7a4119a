import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify.js';
import type { JsonValue } from '../../../src/core/model.js';
import rule from '../../../src/core/rules/pact-spec-mismatch.js';
import { comparePactsWithSpec } from '../../../src/pact/compare-spec.js';
import { interactionOf, pactOf, tinySpec } from '../../pact/pact-fixtures.js';

interface Row {
  name: string;
  method?: 'GET' | 'POST';
  path: string;
  status?: number;
  body: JsonValue;
  openapi: '3.0.3' | '3.1.0';
  want: string[];
}

const rows: Row[] = [
  { name: 'silent when the spec allows the interaction (3.0)', path: '/v1/invoices/inv_0001', body: { id: 'inv_0001', amount_due: 5 }, openapi: '3.0.3', want: [] },
  { name: 'silent when the spec allows the interaction (3.1)', path: '/v1/invoices/inv_0001', body: { id: 'inv_0001', amount_due: 5 }, openapi: '3.1.0', want: [] },
  { name: 'fires on a path the spec does not have', path: '/v1/refunds', body: { id: 'r' }, openapi: '3.0.3', want: ['request.path'] },
  { name: 'fires on a method the spec does not have', method: 'POST', path: '/v1/invoices/inv_0001', body: { id: 'r' }, openapi: '3.1.0', want: ['request.path'] },
  { name: 'fires on a status the spec does not document', path: '/v1/invoices/inv_0001', status: 500, body: { id: 'x' }, openapi: '3.0.3', want: ['response.status'] },
  { name: 'fires on an expected field the schema does not define', path: '/v1/invoices/inv_0001', body: { id: 'inv_0001', amount_cents: 5 }, openapi: '3.1.0', want: ['$.amount_cents'] },
  { name: 'fires on an expected type the schema does not allow', path: '/v1/invoices/inv_0001', body: { id: 'inv_0001', amount_due: '5.00' }, openapi: '3.0.3', want: ['$.amount_due'] },
];

describe('pact-spec-mismatch', () => {
  it('defaults to breaking', () => expect(rule.severity).toBe('breaking'));
  it.each(rows.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const interaction = interactionOf({ description: 'reads an invoice', method: row.method ?? 'GET', path: row.path, status: row.status ?? 200, body: row.body });
    const findings = await comparePactsWithSpec(tinySpec(row.openapi), [pactOf([interaction])]);
    const changes = findings.flatMap((f) => classify([{ source: 'pact', endpoint: 'get-invoice', delta: f.delta }], { connector: 'billing', rules: [rule] }));
    expect(changes.map((c) => c.path)).toEqual(row.want);
    for (const change of changes) {
      expect(change.severity).toBe('breaking');
      expect(change.message).toContain('"reads an invoice"');
    }
  });
});
