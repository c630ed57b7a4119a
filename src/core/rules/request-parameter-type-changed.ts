// Rule request-parameter-type-changed: a parameter no longer accepts a type it accepted before.
import { defineRule } from '../define-rule.js';
import { describeType } from '../describe.js';

/**
 * The connector sends `?customer=cus_42`; the parameter became an integer id. Every request is rejected or matches nothing.
 */
export default defineRule({
  id: 'request-parameter-type-changed',
  severity: 'breaking',
  summary: "a parameter's type was narrowed (e.g. string -> integer)",
  on: 'parameter-type-changed',
  match: (delta) => ({ message: `${delta.path} changed type from ${describeType(delta.before)} to ${describeType(delta.after)}` }),
});
