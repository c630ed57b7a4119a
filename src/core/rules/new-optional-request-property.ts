// Rule new-optional-request-property: a request body gained an optional property.
import { defineRule } from '../define-rule.js';

/**
 * The vendor accepts a new optional field (`invoice.footer`). Nothing the connector sends breaks; reported so the owner
 * knows the option exists.
 */
export default defineRule({
  id: 'new-optional-request-property',
  severity: 'info',
  summary: "a request body gained an optional property",
  on: 'body-optional-property-added',
  match: (delta) => ({ message: `${delta.path} is a new optional property` }),
});
