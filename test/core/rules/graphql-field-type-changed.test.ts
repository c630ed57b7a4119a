import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/graphql-field-type-changed.js';
import { edit, schemaRuleTable } from '../../graphql/schema-rule-table.js';

describe('graphql-field-type-changed', () => {
  it('defaults to breaking', () => expect(rule.severity).toBe('breaking'));
  schemaRuleTable(rule, [
    {
      name: 'breaking when a selected field changes its type',
      after: edit(['number: Int!', 'number: String!']),
      queries: { list: '{ invoices { number } }' },
      want: [{ endpoint: 'list', path: 'Invoice.number', message: /reads Invoice\.number at \$\.invoices\[\*\]\.number, which changed type from Int! to String!/ }],
    },
    { name: 'breaking when a selected field becomes nullable', after: edit(['name: String!', 'name: String']), queries: { one: '{ node(id: "c") { ... on Customer { name } } }' }, want: [{ endpoint: 'one', path: 'Customer.name', message: /from String! to String / }] },
    { name: 'silent when it only narrows for a reader (String -> String!)', after: edit(['memo: String', 'memo: String!']), queries: { list: '{ invoices { memo } }' }, want: [] },
    { name: 'info when no query selects it', after: edit(['email: String', 'email: Int']), queries: { list: '{ invoices { id } }' }, want: [{ endpoint: '*', path: 'Customer.email', severity: 'info' }] },
  ]);
});
