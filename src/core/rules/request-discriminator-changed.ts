// Rule request-discriminator-changed: the property that selects the variant of a request value changed.
import { defineRule } from '../define-rule.js';
import { describeValues } from '../describe.js';

/**
 * The connector sends `{type: 'card', ...}`; the vendor now picks the variant by `kind`. The payload matches no variant
 * and is rejected, or is read as the wrong one.
 */
export default defineRule({
  id: 'request-discriminator-changed',
  severity: 'breaking',
  summary: "the property that selects the variant of a request value changed",
  on: 'request-discriminator-changed',
  match: (delta) => ({ message: `${delta.path}: the variant is now chosen by ${describeValues(delta.after ?? null)} (was ${describeValues(delta.before ?? null)})` }),
});
