// Rule api-webhook-added: the vendor documents a new webhook.
import { defineRule } from '../define-rule.js';

/**
 * The vendor can now push `invoice.overdue`. Nothing breaks; the connector may subscribe.
 */
export default defineRule({
  id: 'api-webhook-added',
  severity: 'info',
  summary: "the vendor documents a new webhook",
  on: 'webhook-added',
  match: (delta) => ({ message: `${delta.path} was added` }),
});
