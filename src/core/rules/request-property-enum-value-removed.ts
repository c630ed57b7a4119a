// Rule request-property-enum-value-removed: a request body property's enum lost values.
import { defineRule } from '../define-rule.js';
import { describeValues } from '../describe.js';

/**
 * The connector sends `collection_method: send_invoice`; that value is gone from the enum. Pushes are rejected.
 */
export default defineRule({
  id: 'request-property-enum-value-removed',
  severity: 'breaking',
  summary: 'a value a request body property accepted was removed from its enum',
  on: 'body-enum-value-removed',
  match: (delta) => ({ message: `${delta.path} no longer accepts ${describeValues(delta.before)}` }),
});
