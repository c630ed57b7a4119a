// Rule request-media-type-added: a request body accepts another media type.
import { defineRule } from '../define-rule.js';

/**
 * The vendor now also accepts `application/x-www-form-urlencoded`. Nothing the connector sends breaks.
 */
export default defineRule({
  id: 'request-media-type-added',
  severity: 'info',
  summary: "a request body accepts another media type",
  on: 'request-media-type-added',
  match: (delta) => ({ message: `${delta.path} is now accepted` }),
});
