// Rule api-webhook-removed: a webhook the vendor documented is gone.
import { defineRule } from '../define-rule.js';

/**
 * The connector listens for `invoice.paid` deliveries; the vendor no longer documents the webhook. Deliveries stop, and
 * a receiver that only reacts to deliveries never notices that nothing comes.
 */
export default defineRule({
  id: 'api-webhook-removed',
  severity: 'breaking',
  summary: "a webhook the vendor documented is gone",
  on: 'webhook-removed',
  match: (delta) => ({ message: `${delta.path} is no longer documented${delta.deprecated ? ' (it was deprecated)' : ''}` }),
});
