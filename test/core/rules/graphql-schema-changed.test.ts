import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/graphql-schema-changed.js';
import { edit, schemaRuleTable } from '../../graphql/schema-rule-table.js';

describe('graphql-schema-changed', () => {
  it('defaults to warning', () => expect(rule.severity).toBe('warning'));
  schemaRuleTable(rule, [
    { name: 'silent on a safe change (a new type)', after: edit(['type Mutation', 'type Extra { x: Int } type Mutation']), queries: { find: '{ search(term: "a") { __typename } }' }, want: [] },
    {
      name: 'a warning when a union the query reads gains a member (dangerous: a __typename it has no branch for)',
      after: edit(['union SearchHit = Invoice | Customer', 'union SearchHit = Invoice | Customer | Extra type Extra { x: Int }']),
      queries: { find: '{ search(term: "a") { __typename } }' },
      want: [{ endpoint: 'find', path: 'SearchHit', message: /\(dangerous in the vendor's GraphQL schema\)/ }],
    },
    {
      name: 'a warning when a query reads the union that lost a member',
      after: edit(['union SearchHit = Invoice | Customer', 'union SearchHit = Invoice']),
      queries: { find: '{ search(term: "a") { ... on Invoice { id } } }' },
      want: [{ endpoint: 'find', path: 'SearchHit', message: /the operation of find uses this type; check whether it is affected/ }],
    },
    { name: 'a warning when an enum value it may send is removed', after: edit(['OPEN PAID', 'OPEN']), queries: { list: '{ invoices(status: PAID) { id } }' }, want: [{ endpoint: 'list', path: 'InvoiceStatus.PAID' }] },
    { name: 'info when nothing touches the type', after: edit(['union SearchHit = Invoice | Customer', 'union SearchHit = Invoice']), queries: { list: '{ invoices { id } }' }, want: [{ endpoint: '*', path: 'SearchHit', severity: 'info' }] },
  ]);
});
