// Rule graphql-field-removed: a field the connector's query selects is gone from the vendor's GraphQL schema.
import { defineRule } from '../define-rule.js';

/**
 * The vendor drops `Invoice.total` from its schema. GraphQL validates a query before running it, so the connector's
 * query is refused whole: not one invoice syncs, not only the total. A field no query selects is the vendor's business.
 */
export default defineRule({
  id: 'graphql-field-removed',
  severity: 'breaking',
  summary: "a field the connector's GraphQL query selects was removed from the vendor's schema (introspection vs the pinned copy); info when no query selects it",
  on: 'graphql-field-removed',
  match: (delta, ctx) => {
    if (!delta.used) return { message: `${delta.path} (${delta.before}) was removed from the vendor's GraphQL schema; no query of this connector selects it`, severity: 'info' };
    return { message: `the query of ${ctx.endpoint} selects ${delta.path} at ${delta.selectedAt.join(', ')}, which the vendor removed from its GraphQL schema: the whole query now fails validation` };
  },
});
