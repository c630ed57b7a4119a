// Rule pact-pin-missing: a field the consumer's contract pins is not in the vendor's accepted snapshot (or not always).
import { defineRule } from '../define-rule.js';

/**
 * The contract pins `data[*].due_date`, but the accepted shape of the endpoint never had it, or had it in only
 * some objects: the consumer reads a field the vendor does not reliably send, and the sync breaks on the first
 * record without it. Absent everywhere is breaking; absent sometimes is a warning.
 */
export default defineRule({
  id: 'pact-pin-missing',
  severity: 'breaking',
  summary: 'a field a pact pins is absent from the accepted snapshot (warning when only sometimes present)',
  match(delta) {
    if (delta.location !== 'contract' || delta.kind !== 'pact-pin-missing') return null;
    const d = delta.detail ?? {};
    const interaction = typeof d.interaction === 'string' ? `"${d.interaction}" pins ` : '';
    if (d.sometimes === true) {
      const seen = typeof d.present === 'number' && typeof d.seen === 'number' ? ` (in ${d.present} of ${d.seen} objects)` : '';
      return { message: `${interaction}${delta.path}, which the accepted snapshot only sometimes has${seen}`, severity: 'warning' };
    }
    return { message: `${interaction}${delta.path}, which the accepted snapshot does not have` };
  },
});
