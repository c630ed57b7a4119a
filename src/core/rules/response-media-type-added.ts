// Rule response-media-type-added: a response may come in another media type.
import { defineRule } from '../define-rule.js';

/**
 * The vendor can now also answer `text/csv`. A connector that asks for JSON still gets JSON.
 */
export default defineRule({
  id: 'response-media-type-added',
  severity: 'info',
  summary: "a response may come in another media type",
  on: 'media-type-added',
  match: (delta) => ({ message: `${delta.path} may now be answered` }),
});
