// Rule request-parameter-became-optional: a required parameter became optional.
import { defineRule } from '../define-rule.js';

/**
 * The vendor no longer insists on `?account=`. The connector's requests still work.
 */
export default defineRule({
  id: 'request-parameter-became-optional',
  severity: 'info',
  summary: "a required parameter became optional",
  on: 'parameter-became-optional',
  match: (delta) => ({ message: `${delta.path} became optional` }),
});
