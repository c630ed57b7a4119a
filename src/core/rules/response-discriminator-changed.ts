// Rule response-discriminator-changed: the property that names the variant of a response value changed.
import { defineRule } from '../define-rule.js';
import { describeValues } from '../describe.js';

/**
 * The connector switches on `payment_method.type` to pick the parser; the vendor now names the variant in `object`.
 * Every payload falls to the default branch and is dropped or misread.
 */
export default defineRule({
  id: 'response-discriminator-changed',
  severity: 'breaking',
  summary: "the property that names the variant of a response value changed",
  on: 'response-discriminator-changed',
  match: (delta) => ({ message: `${delta.path}: the variant is now named by ${describeValues(delta.after ?? null)} (was ${describeValues(delta.before ?? null)})` }),
});
