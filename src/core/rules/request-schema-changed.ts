// Rule request-schema-changed: a request schema keyword driftwatch does not judge changed (not, if/then/else, patternProperties...).
import { defineRule } from '../define-rule.js';

/**
 * A keyword outside the rules (`not`, `if`/`then`, `patternProperties`, `dependentRequired`...) changed in what the
 * connector sends. It may or may not matter: listed so that no change is ever silent.
 */
export default defineRule({
  id: 'request-schema-changed',
  severity: 'info',
  summary: "a request schema keyword driftwatch does not judge changed (not, if/then/else, patternProperties...)",
  on: 'request-schema-changed',
  match: (delta) => ({ message: `${delta.path}: ${delta.keyword} changed (${delta.before ?? 'absent'} -> ${delta.after ?? 'absent'}); driftwatch does not judge this keyword` }),
});
