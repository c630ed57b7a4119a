// Rule graphql-field-type-changed: a field the connector's query selects changed type in the vendor's GraphQL schema.
import { defineRule } from '../define-rule.js';

/**
 * `Invoice.number` goes from `Int!` to `String!`, or `Invoice.customer` from `Customer!` to `Customer`. The query still
 * validates, but the code reading the answer gets a string where it did arithmetic, or a null it never checked for.
 * A change that only narrows what a reader gets (`String` -> `String!`) breaks nobody.
 */
export default defineRule({
  id: 'graphql-field-type-changed',
  severity: 'breaking',
  summary: "a field the connector's GraphQL query selects changed type (e.g. Int -> String, or became nullable); info when no query selects it, silent when only narrower",
  on: 'graphql-field-type-changed',
  match: (delta, ctx) => {
    if (delta.safe) return null;
    if (!delta.used) return { message: `${delta.path} changed type from ${delta.before} to ${delta.after} in the vendor's GraphQL schema; no query of this connector selects it`, severity: 'info' };
    return { message: `the query of ${ctx.endpoint} reads ${delta.path} at ${delta.selectedAt.join(', ')}, which changed type from ${delta.before} to ${delta.after} in the vendor's GraphQL schema` };
  },
});
