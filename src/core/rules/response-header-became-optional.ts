// Rule response-header-became-optional: a required response header became optional.
import { defineRule } from '../define-rule.js';

/**
 * The connector reads `X-Total-Count` to size its progress and paging; it is no longer promised on every answer.
 */
export default defineRule({
  id: 'response-header-became-optional',
  severity: 'warning',
  summary: "a required response header became optional",
  on: 'header-became-optional',
  match: (delta) => ({ message: `${delta.path} is no longer always sent` }),
});
