// Rule request-property-removed: a property the request body documented is gone.
import { defineRule } from '../define-rule.js';

/**
 * The connector still sends `memo`; the vendor may ignore it (data silently lost) or reject unknown properties.
 */
export default defineRule({
  id: 'request-property-removed',
  severity: 'warning',
  summary: 'a request body property was removed from the spec',
  on: 'body-property-removed',
  match: (delta) => ({ message: `${delta.path} was removed from the request body` }),
});
