// Rule response-default-changed: the documented default of a response value changed (what an absent field means).
import { defineRule } from '../define-rule.js';
import { describeValues } from '../describe.js';

/**
 * The spec says an absent `auto_advance` means `true`; it now means `false`. A connector that fills absent fields with
 * the documented default reads the wrong value for every object that leaves it out.
 */
export default defineRule({
  id: 'response-default-changed',
  severity: 'info',
  summary: "the documented default of a response value changed (what an absent field means)",
  on: 'response-default-changed',
  match: (delta) => ({ message: `${delta.path}: documented default ${describeValues(delta.before ?? null)} -> ${describeValues(delta.after ?? null)}` }),
});
