// Rule response-property-removed: a response field the snapshot nearly always saw is gone from every current sample.
import { defineRule } from '../define-rule.js';
import { describePresence } from '../describe.js';

/**
 * The connector reads `invoice.amount_due`; when the vendor drops it, the read yields undefined, the sync writes
 * zeros or crashes, and nobody notices until finance does. Only fired on clear evidence: the snapshot saw the field
 * in most of its objects and this run saw it in none.
 */
export default defineRule({
  id: 'response-property-removed',
  severity: 'breaking',
  summary: 'a response field seen in most snapshot samples is absent from every sample of this run',
  match(delta) {
    if (delta.location !== 'response' || delta.kind !== 'property-removed') return null;
    const d = delta.detail ?? {};
    const n = d.seenAfter;
    const after = typeof n !== 'number' ? 'absent from all current samples' : n === 1 ? 'absent from the 1 current object' : `absent from all ${n} current objects`;
    const rename = typeof d.renamedTo === 'string' ? `; it looks renamed to ${d.renamedTo} (same type, appeared in the same run)` : '';
    return { message: `${delta.path} was removed (present in ${describePresence(d.presentBefore, d.seenBefore, d.ratioBefore)} snapshot objects, ${after})${rename}` };
  },
});
