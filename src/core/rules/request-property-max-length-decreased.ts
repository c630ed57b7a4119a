// Rule request-property-max-length-decreased: a request body string property's `maxLength` was set or lowered.
import { defineRule } from '../define-rule.js';

/**
 * Descriptions the connector sends are up to 500 characters; the vendor now caps them at 255. Long ones are rejected.
 */
export default defineRule({
  id: 'request-property-max-length-decreased',
  severity: 'breaking',
  summary: "a request body property's maxLength was set or lowered",
  on: 'body-max-length-decreased',
  match: (delta) => ({
    message: `${delta.path} maxLength ${delta.before === null || delta.before === undefined ? 'set to' : `lowered from ${String(delta.before)} to`} ${String(delta.after)}`,
  }),
});
