// Rule api-operation-reinstated: an operation is no longer deprecated.
import { defineRule } from '../define-rule.js';

/**
 * The vendor withdraws a deprecation: the migration the owner planned is no longer urgent.
 */
export default defineRule({
  id: 'api-operation-reinstated',
  severity: 'info',
  summary: "an operation is no longer deprecated",
  on: 'operation-reinstated',
  match: (_delta, ctx) => ({ message: `${ctx.endpoint} is no longer deprecated` }),
});
