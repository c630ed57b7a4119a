// Rule request-property-type-changed: a request body property no longer accepts a type it accepted before.
import { defineRule } from '../define-rule.js';

const types = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(' or ') : String(v));

/**
 * The connector sends `amount: "12.50"`; the property became an integer (minor units). Payloads are rejected, or worse,
 * misread.
 */
export default defineRule({
  id: 'request-property-type-changed',
  severity: 'breaking',
  summary: "a request body property's type was narrowed",
  match(delta) {
    if (delta.location !== 'request' || delta.kind !== 'body-type-changed') return null;
    return { message: `${delta.path} changed type from ${types(delta.before)} to ${types(delta.after)}` };
  },
});
