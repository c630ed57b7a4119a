// Rule response-property-added: a response field the snapshot never saw.
import { defineRule } from '../define-rule.js';
import { describeType } from '../describe.js';

/**
 * A new field breaks nothing by itself, but it is often the first half of a rename (`amount_due` -> `amount_owed`),
 * and a consumer that validates strictly (additionalProperties: false) rejects the whole response.
 */
export default defineRule({
  id: 'response-property-added',
  severity: 'info',
  summary: 'a response field appeared that the snapshot never saw',
  match(delta) {
    if (delta.location !== 'response' || delta.kind !== 'property-added') return null;
    const rename = typeof delta.detail?.renamedFrom === 'string' ? `; probably the new name of ${delta.detail.renamedFrom}` : '';
    return { message: `${delta.path} was added (${describeType(delta.after)})${rename}` };
  },
});
