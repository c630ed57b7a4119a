// Rule request-parameter-type-changed: a parameter no longer accepts a type it accepted before.
import { defineRule } from '../define-rule.js';

const types = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(' or ') : String(v));

/**
 * The connector sends `?customer=cus_42`; the parameter became an integer id. Every request is rejected or matches nothing.
 */
export default defineRule({
  id: 'request-parameter-type-changed',
  severity: 'breaking',
  summary: "a parameter's type was narrowed (e.g. string -> integer)",
  match(delta) {
    if (delta.location !== 'request' || delta.kind !== 'parameter-type-changed') return null;
    return { message: `${delta.path} changed type from ${types(delta.before)} to ${types(delta.after)}` };
  },
});
