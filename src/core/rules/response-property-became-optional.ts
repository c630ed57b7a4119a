// Rule response-property-became-optional: a response field present in every snapshot object is now missing from some.
import { defineRule } from '../define-rule.js';
import { describePresence } from '../describe.js';

/**
 * The connector assumes `order.shipping_address` is always there; now some orders arrive without it, and those
 * orders fail to ship while the rest go through, which is the hardest kind of failure to spot.
 */
export default defineRule({
  id: 'response-property-became-optional',
  severity: 'warning',
  summary: 'a response field present in every snapshot object is missing from some objects now',
  match(delta) {
    if (delta.location !== 'response' || delta.kind !== 'became-optional') return null;
    const d = delta.detail ?? {};
    return { message: `${delta.path} became optional (present in ${describePresence(d.presentAfter, d.seenAfter, d.ratioAfter)} objects now, was always present)` };
  },
});
