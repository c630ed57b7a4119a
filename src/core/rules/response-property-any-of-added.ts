// Rule response-property-any-of-added: an `anyOf` in a response schema gained a branch.
import { defineRule } from '../define-rule.js';
import { describeType } from '../describe.js';

/**
 * Same story as a new oneOf branch: a value of a shape the connector never handled can now arrive.
 */
export default defineRule({
  id: 'response-property-any-of-added',
  severity: 'warning',
  summary: 'a response value may now take a new anyOf variant',
  on: 'any-of-added',
  match: (delta) => ({ message: `${delta.path} may now be ${describeType(delta.after)} (anyOf was ${describeType(delta.before)})` }),
});
