// Rule request-property-enum-value-removed: a request body property's enum lost values.
import { defineRule } from '../define-rule.js';

const list = (v: unknown): string => (Array.isArray(v) ? v.map((x) => JSON.stringify(x)).join(', ') : JSON.stringify(v));

/**
 * The connector sends `collection_method: send_invoice`; that value is gone from the enum. Pushes are rejected.
 */
export default defineRule({
  id: 'request-property-enum-value-removed',
  severity: 'breaking',
  summary: 'a value a request body property accepted was removed from its enum',
  match(delta) {
    if (delta.location !== 'request' || delta.kind !== 'body-enum-value-removed') return null;
    return { message: `${delta.path} no longer accepts ${list(delta.before)}` };
  },
});
