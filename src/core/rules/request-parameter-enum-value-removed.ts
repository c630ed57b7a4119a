// Rule request-parameter-enum-value-removed: a parameter's enum lost values.
import { defineRule } from '../define-rule.js';

const list = (v: unknown): string => (Array.isArray(v) ? v.map((x) => JSON.stringify(x)).join(', ') : JSON.stringify(v));

/**
 * The connector sends `?status=draft`; `draft` is no longer an accepted value: 400 on every run.
 */
export default defineRule({
  id: 'request-parameter-enum-value-removed',
  severity: 'breaking',
  summary: 'a value the parameter accepted was removed from its enum',
  match(delta) {
    if (delta.location !== 'request' || delta.kind !== 'parameter-enum-value-removed') return null;
    return { message: `${delta.path} no longer accepts ${list(delta.before)}` };
  },
});
