import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify.js';
import rule from '../../../src/core/rules/graphql-field-removed.js';
import { graphqlSchemaDeltas } from '../../../src/graphql/schema-deltas.js';
import { BASE, edit, schemaRuleTable } from '../../graphql/schema-rule-table.js';

describe('graphql-field-removed', () => {
  it('defaults to breaking', () => expect(rule.severity).toBe('breaking'));
  schemaRuleTable(rule, [
    { name: 'silent when nothing was removed', after: edit(['memo: String', 'memo: String notes: String']), queries: { list: '{ invoices { id total } }' }, want: [] },
    {
      name: 'breaking on the endpoint whose query selects it, with the path in its data',
      after: edit(['total: Int! ', '']),
      queries: { list: '{ invoices { id total } }', other: '{ invoices { id } }' },
      want: [{ endpoint: 'list', path: 'Invoice.total', message: /^the query of list selects Invoice\.total at \$\.invoices\[\*\]\.total, which the vendor removed/ }],
    },
    {
      name: 'follows aliases, fragments and inline fragments',
      after: edit(['name: String! email: String', 'email: String']),
      queries: {
        aliased: '{ invoices { buyer: customer { label: name } } }',
        fragment: 'query { invoices { customer { ...C } } } fragment C on Customer { name }',
        inline: '{ search(term: "a") { ... on Customer { name } } }',
      },
      want: [
        { endpoint: 'aliased', path: 'Customer.name', message: /at \$\.invoices\[\*\]\.buyer\.label,/ },
        { endpoint: 'fragment', path: 'Customer.name', message: /at \$\.invoices\[\*\]\.customer\.name,/ },
        { endpoint: 'inline', path: 'Customer.name', message: /at \$\.search\[\*\]\.name,/ },
      ],
    },
    {
      name: 'a field selected through an interface counts on the type that loses it',
      after: edit(['type Customer implements Node { id: ID! name', 'type Customer implements Node { name']).replace('interface Node { id: ID! }', 'interface Node { name: String }').replace('type Invoice implements Node { id: ID!', 'type Invoice implements Node { name: String id: ID!'),
      queries: { node: '{ node(id: "c_1") { id } }' },
      want: [
        { endpoint: 'node', path: 'Customer.id' },
        { endpoint: 'node', path: 'Node.id' },
      ],
    },
    { name: 'info, connector-wide, when no query selects it', after: edit(['email: String', '']), queries: { list: '{ invoices { id } }' }, want: [{ endpoint: '*', path: 'Customer.email', severity: 'info', message: /no query of this connector selects it/ }] },
  ]);

  it('stays breaking on a connector whose REST pacts pin nothing of it: the query is the usage', async () => {
    const placed = await graphqlSchemaDeltas(buildSchema(BASE), buildSchema(edit(['total: Int! ', ''])), [{ endpoint: 'list', document: parse('{ invoices { total } }') }]);
    const usage = { hasPacts: true, pinned: new Map([['other', new Set(['$.data'])]]) };
    const [finding] = classify(placed.map(({ endpoint, delta }) => ({ source: 'graphql' as const, endpoint, delta })), { connector: 'ledger', rules: [rule], usage });
    expect(finding).toMatchObject({ severity: 'breaking', path: 'Invoice.total' });
    expect(finding!.pinned).toBeUndefined();
  });
});
