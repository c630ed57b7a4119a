import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/graphql-field-deprecated.js';
import { edit, schemaRuleTable } from '../../graphql/schema-rule-table.js';

describe('graphql-field-deprecated', () => {
  it('defaults to warning', () => expect(rule.severity).toBe('warning'));
  schemaRuleTable(rule, [
    {
      name: 'a warning with the reason when the query selects it',
      after: edit(['total: Int!', 'total: Int! @deprecated(reason: "use amount")']),
      queries: { list: '{ invoices { total } }' },
      want: [{ endpoint: 'list', path: 'Invoice.total', message: /^the query of list selects Invoice\.total, which the vendor deprecated: "use amount"; move off it/ }],
    },
    { name: 'silent when no query selects it', after: edit(['memo: String', 'memo: String @deprecated']), queries: { list: '{ invoices { total } }' }, want: [] },
  ]);
});
