// Rule response-property-added: a response field the snapshot never saw.
import { defineRule } from '../define-rule.js';
import { describeType } from '../describe.js';
import { absenceIsChange } from '../policy.js';

/**
 * A new field breaks nothing by itself, but it is often the first half of a rename (`amount_due` -> `amount_owed`),
 * and a consumer that validates strictly (additionalProperties: false) rejects the whole response.
 */
export default defineRule({
  id: 'response-property-added',
  severity: 'info',
  summary: 'a response field appeared that was never seen (the new half of a rename is reported with the rename)',
  on: 'property-added',
  match: (delta) => {
    const twin = delta.renamedFrom;
    // The rename is one finding, on the old name: the new name adds nothing of its own.
    if (twin !== undefined && (twin.presence === undefined || absenceIsChange(twin.presence))) return null;
    // A spec states a field without samples: no counts to show.
    const counts = delta.seenNow > 0 ? `, in ${delta.presentNow} of ${delta.seenNow} objects` : '';
    return { message: `${delta.path} was added (${describeType(delta.after)}${counts})` };
  },
});
