// Rule response-property-became-optional: a response field present in every snapshot object is now missing from some.
import { defineRule } from '../define-rule.js';
import { describeAbsence, statedWording } from '../describe.js';
import { absenceIsChange } from '../policy.js';

/**
 * The connector assumes `order.shipping_address` is always there; now some orders arrive without it, and those
 * orders fail to ship while the rest go through, which is the hardest kind of failure to spot.
 */
export default defineRule({
  id: 'response-property-became-optional',
  severity: 'warning',
  summary: 'a response field that looked required is missing from some objects, more often than chance allows (or a pact pins it)',
  on: 'became-optional',
  match: (delta, ctx) => {
    const e = delta.presence;
    // Without counts (a hand-written snapshot, a spec diff) the stated requirement is taken at its word.
    if (e !== undefined && delta.by === undefined && !absenceIsChange(e)) return null;
    return {
      message: statedWording(delta, ctx, {
        seen: `${delta.path} became optional${e ? ` (${describeAbsence(e)})` : ''}`,
        spec: `${delta.path} is missing from ${e ? `${e.absentNow} of ${e.seenNow}` : 'some'} objects; the vendor's spec requires it`,
        pact: `pins ${delta.path}, which the vendor sends only sometimes${e ? ` (in ${e.present} of ${e.seen} objects)` : ''}`,
      }),
    };
  },
});
