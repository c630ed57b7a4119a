// Rule response-optional-property-removed: an optional response field is no longer documented.
import { defineRule } from '../define-rule.js';

/**
 * The connector reads `invoice.memo` when it is there; the spec drops the field. Code written for an optional field
 * copes with its absence, but the data it carried is gone from every sync: a warning, not a page.
 */
export default defineRule({
  id: 'response-optional-property-removed',
  severity: 'warning',
  summary: "an optional response field is no longer documented",
  on: 'optional-property-removed',
  match: (delta) => ({ message: `${delta.path} (optional) was removed from the spec` }),
});
