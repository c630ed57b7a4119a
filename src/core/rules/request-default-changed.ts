// Rule request-default-changed: the default of a request value changed: a connector that leaves it out now gets other behaviour.
import { defineRule } from '../define-rule.js';
import { describeValues } from '../describe.js';

/**
 * The connector leaves `limit` out and relied on the default page size of 100; the vendor's new default is 20, so the
 * nightly sync reads a fifth of the data and reports success.
 */
export default defineRule({
  id: 'request-default-changed',
  severity: 'warning',
  summary: "the default of a request value changed: a connector that leaves it out now gets other behaviour",
  on: 'request-default-changed',
  match: (delta) => ({ message: `${delta.path}: default ${describeValues(delta.before ?? null)} -> ${describeValues(delta.after ?? null)} (what the vendor assumes when the connector leaves it out)` }),
});
