// Rule response-property-deprecated: a response field is now deprecated (it will be removed).
import { defineRule } from '../define-rule.js';

/**
 * The connector reads `charge.source`; the vendor deprecates it in favour of `payment_method`. It still arrives today;
 * it will not after the removal, so the move should be planned now.
 */
export default defineRule({
  id: 'response-property-deprecated',
  severity: 'info',
  summary: "a response field is now deprecated (it will be removed)",
  on: 'property-deprecated',
  match: (delta) => ({ message: `${delta.path} is now deprecated` }),
});
