import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/graphql-input-changed.js';
import { edit, schemaRuleTable } from '../../graphql/schema-rule-table.js';

describe('graphql-input-changed', () => {
  it('defaults to breaking', () => expect(rule.severity).toBe('breaking'));
  schemaRuleTable(rule, [
    { name: 'silent when a new argument is optional', after: edit(['first: Int,', 'first: Int, region: String,']), queries: { list: '{ invoices { id } }' }, want: [] },
    {
      name: 'breaking when a selected field gains a required argument',
      after: edit(['first: Int,', 'first: Int, region: String!,']),
      queries: { list: '{ invoices { id } }' },
      want: [{ endpoint: 'list', path: 'Query.invoices(region:)', message: /Query\.invoices\(region:\) is new and required \(String!\).*operation of list no longer validates/ }],
    },
    { name: 'breaking when an argument it passes is removed', after: edit(['first: Int,', '']), queries: { list: '{ invoices(first: 5) { id } }', all: '{ invoices { id } }' }, want: [{ endpoint: 'list', path: 'Query.invoices(first:)' }] },
    { name: 'breaking when an argument it passes narrows its type', after: edit(['first: Int,', 'first: Int!,']), queries: { list: 'query($n: Int) { invoices(first: $n) { id } }' }, want: [{ endpoint: 'list', path: 'Query.invoices(first:)', message: /from Int to Int!/ }] },
    { name: 'silent when an argument only widens (Int! -> Int)', after: edit(['search(term: String!)', 'search(term: String)']), queries: { find: '{ search(term: "x") { __typename } }' }, want: [] },
    { name: 'breaking when an input type it sends gains a required field', after: edit(['to: String }', 'to: String currency: String! }']), queries: { list: 'query($f: InvoiceFilter) { invoices(filter: $f) { id } }' }, want: [{ endpoint: 'list', path: 'InvoiceFilter.currency' }] },
    { name: 'a warning when a field of an input type it sends is removed (the variables may not set it)', after: edit(['to: String }', '}']), queries: { list: 'query($f: InvoiceFilter) { invoices(filter: $f) { id } }' }, want: [{ endpoint: 'list', path: 'InvoiceFilter.to', severity: 'warning', message: /check its variables/ }] },
    { name: 'info when nothing sends it', after: edit(['first: Int,', '']), queries: { list: '{ invoices { id } }' }, want: [{ endpoint: '*', path: 'Query.invoices(first:)', severity: 'info' }] },
  ]);
});
