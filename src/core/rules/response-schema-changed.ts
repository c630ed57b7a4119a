// Rule response-schema-changed: a response schema keyword driftwatch does not judge changed (not, if/then/else, patternProperties...).
import { defineRule } from '../define-rule.js';

/**
 * A keyword outside the rules (`not`, `if`/`then`, `patternProperties`...) changed in what the connector reads. The
 * json-schema-diff cross-check then asks whether the response got wider; either way the change is listed.
 */
export default defineRule({
  id: 'response-schema-changed',
  severity: 'info',
  summary: "a response schema keyword driftwatch does not judge changed (not, if/then/else, patternProperties...)",
  on: 'response-schema-changed',
  match: (delta) => ({ message: `${delta.path}: ${delta.keyword} changed (${delta.before ?? 'absent'} -> ${delta.after ?? 'absent'}); driftwatch does not judge this keyword` }),
});
