import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/graphql-enum-value-added.js';
import { edit, schemaRuleTable } from '../../graphql/schema-rule-table.js';

describe('graphql-enum-value-added', () => {
  it('defaults to warning', () => expect(rule.severity).toBe('warning'));
  schemaRuleTable(rule, [
    {
      name: 'a warning, once per enum, where the query reads it',
      after: edit(['OPEN PAID', 'OPEN PAID VOID DRAFT']),
      queries: { list: '{ invoices { status } }', mutate: 'mutation { voidInvoice(id: "i") { status } }' },
      want: [
        { endpoint: 'list', path: 'InvoiceStatus', message: /InvoiceStatus gained DRAFT, VOID .* reads it at \$\.invoices\[\*\]\.status: handle the new values$/ },
        { endpoint: 'mutate', path: 'InvoiceStatus', message: /at \$\.voidInvoice\.status/ },
      ],
    },
    { name: 'silent when the query only sends the enum (a new option to send is no news)', after: edit(['OPEN PAID', 'OPEN PAID VOID']), queries: { list: '{ invoices(status: OPEN) { id } }' }, want: [] },
    { name: 'silent when no query reads it', after: edit(['OPEN PAID', 'OPEN PAID VOID']), queries: { list: '{ invoices { id } }' }, want: [] },
  ]);
});
