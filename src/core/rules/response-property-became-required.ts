// Rule response-property-became-required: a response field the spec called optional is now always sent.
import { defineRule } from '../define-rule.js';

/**
 * The vendor now promises `invoice.due_date` on every invoice. Nothing breaks; the connector's fallback for a missing
 * value becomes dead code.
 */
export default defineRule({
  id: 'response-property-became-required',
  severity: 'info',
  summary: "a response field the spec called optional is now always sent",
  on: 'property-became-required',
  match: (delta) => ({ message: `${delta.path} is now always present (was optional)` }),
});
