// Rule graphql-schema-changed: any other breaking or dangerous change to the vendor's GraphQL schema, judged by use.
import { defineRule } from '../define-rule.js';

/**
 * A type the connector's query reads loses a union member or an interface, an enum it sends loses a value, a type is
 * removed. Whether that breaks this query depends on its fragments and variables: a warning to look, when the query
 * touches the type; a note otherwise.
 */
export default defineRule({
  id: 'graphql-schema-changed',
  severity: 'warning',
  summary: 'another breaking or dangerous change to the vendor\'s GraphQL schema (a type, union member or enum value removed...): warning when a query touches the type, info otherwise',
  on: 'graphql-schema-changed',
  match: (delta, ctx) => {
    if (!delta.used) return { message: `${delta.detail} (${delta.level} in the vendor's GraphQL schema; no operation of this connector touches it)`, severity: 'info' };
    return { message: `${delta.detail} (${delta.level} in the vendor's GraphQL schema): the operation of ${ctx.endpoint} uses this type; check whether it is affected` };
  },
});
