// Rule api-security-removed: an operation no longer lists a security scheme it used.
import { defineRule } from '../define-rule.js';

/**
 * Usually a scheme being replaced (see api-security-added) or an endpoint becoming public; worth knowing when rotating
 * credentials, rarely breaking on its own.
 */
export default defineRule({
  id: 'api-security-removed',
  severity: 'info',
  summary: 'a security scheme is no longer used by an operation',
  on: 'security-removed',
  match: (delta) => ({ message: `no longer uses ${String(delta.before)}` }),
});
