// Rule request-parameter-max-length-decreased: a string parameter's `maxLength` was set or lowered.
import { defineRule } from '../define-rule.js';

/**
 * The connector sends 64-character references; the parameter now allows 32. Long references start failing validation.
 */
export default defineRule({
  id: 'request-parameter-max-length-decreased',
  severity: 'breaking',
  summary: "a parameter's maxLength was set or lowered",
  on: 'parameter-max-length-decreased',
  match: (delta) => ({
    message: `${delta.path} maxLength ${delta.before === null || delta.before === undefined ? 'set to' : `lowered from ${String(delta.before)} to`} ${String(delta.after)}`,
  }),
});
