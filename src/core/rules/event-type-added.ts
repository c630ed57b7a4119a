// Rule event-type-added: the vendor delivers an event type the connector has no accepted baseline for.
import { defineRule } from '../define-rule.js';

/**
 * A vendor starts sending `invoice.voided` next to `invoice.paid`. Nothing breaks yet: a consumer that does not know
 * the type ignores it, or should. Worth knowing (someone may need to handle it), never worth a page; its shape is
 * learned from then on, and `driftwatch accept` makes it a baseline.
 */
export default defineRule({
  id: 'event-type-added',
  severity: 'info',
  summary: 'deliveries of an event type with no accepted baseline yet (accept learns its shape)',
  on: 'event-type-added',
  match: (delta) => ({
    message: `new event type ${delta.after} (${delta.deliveries} deliver${delta.deliveries === 1 ? 'y' : 'ies'}); \`driftwatch accept\` takes its shape as the baseline`,
  }),
});
