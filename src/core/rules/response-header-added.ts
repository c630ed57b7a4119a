// Rule response-header-added: a response header is newly documented.
import { defineRule } from '../define-rule.js';

/**
 * The vendor documents `X-Request-Id`. Nothing breaks; it may help the owner trace failures.
 */
export default defineRule({
  id: 'response-header-added',
  severity: 'info',
  summary: "a response header is newly documented",
  on: 'header-added',
  match: (delta) => ({ message: `${delta.path} is newly documented` }),
});
