// Rule request-parameter-enum-value-removed: a parameter's enum lost values.
import { defineRule } from '../define-rule.js';
import { describeValues } from '../describe.js';

/**
 * The connector sends `?status=draft`; `draft` is no longer an accepted value: 400 on every run.
 */
export default defineRule({
  id: 'request-parameter-enum-value-removed',
  severity: 'breaking',
  summary: 'a value the parameter accepted was removed from its enum',
  on: 'parameter-enum-value-removed',
  match: (delta) => ({ message: `${delta.path} no longer accepts ${describeValues(delta.before)}` }),
});
