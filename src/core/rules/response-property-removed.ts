// Rule response-property-removed: a response field the snapshot nearly always saw is gone from every current sample.
import { defineRule } from '../define-rule.js';
import { describeAbsence, statedWording } from '../describe.js';
import { absenceIsChange } from '../policy.js';

/**
 * The connector reads `invoice.amount_due`; when the vendor drops it, the read yields undefined, the sync writes
 * zeros or crashes, and nobody notices until finance does. Only fired on clear evidence: the snapshot saw the field
 * in most of its objects and this run saw it in none.
 */
export default defineRule({
  id: 'response-property-removed',
  severity: 'breaking',
  summary: 'a response field that looked required is absent for longer than chance allows (or one the spec requires, or a pact pins); a rename is this finding',
  on: 'property-removed',
  match: (delta, ctx) => {
    if (delta.presence !== undefined && !absenceIsChange(delta.presence)) return null;
    const rename = delta.renamedTo === undefined ? '' : `; it looks renamed to ${delta.renamedTo} (same type, appeared in the same run)`;
    const gone = delta.renamedTo === undefined ? 'was removed' : `was renamed to ${delta.renamedTo}`;
    return {
      message: statedWording(delta, ctx, {
        seen: `${delta.path} ${gone}${delta.presence ? ` (${describeAbsence(delta.presence)})` : ''}`,
        spec: `${delta.path} is missing; the vendor's spec requires it${rename}`,
        pact: `pins ${delta.path}, which the vendor does not send${rename}`,
      }),
    };
  },
});
