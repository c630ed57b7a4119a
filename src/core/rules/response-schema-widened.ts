// Rule response-schema-widened: the set-based cross-check (json-schema-diff) finds the new response schema accepts more, where no rule fired.
import { defineRule } from '../define-rule.js';

/**
 * A constraint the rules do not model was loosened (`maximum` raised, `minItems` dropped, `additionalProperties` opened):
 * the vendor may now send values the connector was promised it would never see. Nothing slips through silently.
 */
export default defineRule({
  id: 'response-schema-widened',
  severity: 'warning',
  summary: 'json-schema-diff finds the new response schema accepts values the old did not, and no other rule said why',
  on: 'schema-widened',
  match: (delta) => ({ message: `${delta.path}: the new schema accepts values the old one did not (json-schema-diff), and no specific rule explains it` }),
});
