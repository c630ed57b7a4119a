// Rule response-property-any-of-added: an `anyOf` in a response schema gained a branch.
import { defineRule } from '../define-rule.js';

/**
 * Same story as a new oneOf branch: a value of a shape the connector never handled can now arrive.
 */
export default defineRule({
  id: 'response-property-any-of-added',
  severity: 'warning',
  summary: 'a response value may now take a new anyOf variant',
  match(delta) {
    if (delta.location !== 'response' || delta.kind !== 'any-of-added') return null;
    return { message: `${delta.path} may now be ${Array.isArray(delta.after) ? delta.after.join(', ') : String(delta.after)} (anyOf was ${Array.isArray(delta.before) ? delta.before.join(', ') : ''})` };
  },
});
