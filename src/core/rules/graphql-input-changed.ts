// Rule graphql-input-changed: an argument or input field the connector's operation sends was removed, retyped or is newly required.
import { defineRule } from '../define-rule.js';

/**
 * The vendor makes `invoices(region:)` required, drops the `status` argument the connector passes, or retypes an input
 * field. The operation no longer validates and is refused before it runs. When only the input type is known to be sent
 * (a removed input field the variables may not set), it is a warning: look at the variables.
 */
export default defineRule({
  id: 'graphql-input-changed',
  severity: 'breaking',
  summary: "an argument or input field the connector's GraphQL operation sends was removed or retyped, or a new one is required; warning when only its input type is sent, info when unused",
  on: 'graphql-input-changed',
  match: (delta, ctx) => {
    const what =
      delta.change === 'added-required'
        ? `${delta.path} is new and required (${delta.after ?? '?'})`
        : delta.change === 'removed'
          ? `${delta.path} was removed`
          : `${delta.path} changed type from ${delta.before ?? '?'} to ${delta.after ?? '?'}`;
    if (!delta.used) return { message: `${what} in the vendor's GraphQL schema; no operation of this connector sends it`, severity: 'info' };
    if (!delta.certain) return { message: `${what} in the vendor's GraphQL schema; the operation of ${ctx.endpoint} sends this input type: check its variables`, severity: 'warning' };
    return { message: `${what} in the vendor's GraphQL schema: the operation of ${ctx.endpoint} no longer validates` };
  },
});
