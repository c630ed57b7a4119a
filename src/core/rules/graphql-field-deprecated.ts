// Rule graphql-field-deprecated: a field the connector's query selects is now @deprecated in the vendor's schema.
import { defineRule } from '../define-rule.js';

/**
 * GraphQL vendors announce removals with `@deprecated(reason: "use amount")` and remove the field a few releases
 * later. The deprecation is the cheapest time to move: the replacement is named and nothing is broken yet.
 */
export default defineRule({
  id: 'graphql-field-deprecated',
  severity: 'warning',
  summary: "a field the connector's GraphQL query selects became @deprecated (the reason in the message); silent when no query selects it",
  on: 'graphql-field-deprecated',
  match: (delta, ctx) => {
    if (!delta.used) return null;
    const why = delta.reason ? `: "${delta.reason}"` : '';
    return { message: `the query of ${ctx.endpoint} selects ${delta.path}, which the vendor deprecated${why}; move off it before it is removed` };
  },
});
