// Rule api-operation-added: an operation (or a whole path) was added.
import { defineRule } from '../define-rule.js';

/**
 * The vendor adds `GET /v1/invoices/search`. Nothing breaks; reported so a diff is never silent about what is new.
 */
export default defineRule({
  id: 'api-operation-added',
  severity: 'info',
  summary: "an operation (or a whole path) was added",
  on: 'operation-added',
  match: (delta) => ({ message: `${delta.path} was added` }),
});
