// Rule graphql-enum-value-added: an enum the connector's query reads gained values.
import { defineRule } from '../define-rule.js';

/**
 * `InvoiceStatus` gains `VOID`. The query still validates, and one night an invoice arrives with a status the
 * connector's switch statement has no branch for: it is skipped, mis-booked or crashes the import.
 */
export default defineRule({
  id: 'graphql-enum-value-added',
  severity: 'warning',
  summary: "an enum the connector's GraphQL query reads gained values its code may not handle; silent when no query reads it",
  on: 'graphql-enum-value-added',
  match: (delta, ctx) => {
    if (!delta.used) return null;
    const values = delta.after.join(', ');
    return { message: `${delta.path} gained ${values} in the vendor's GraphQL schema; the query of ${ctx.endpoint} reads it at ${delta.selectedAt.join(', ')}: handle the new value${delta.after.length === 1 ? '' : 's'}` };
  },
});
