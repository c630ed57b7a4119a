// Rule api-security-scheme-changed: a security scheme keeps its name but its definition changed.
import { defineRule } from '../define-rule.js';

/**
 * `apiKey` moved from header `X-Api-Key` to `Authorization`, or the OAuth token URL moved: the connector keeps sending
 * credentials the old way and gets 401.
 */
export default defineRule({
  id: 'api-security-scheme-changed',
  severity: 'breaking',
  summary: "a security scheme's definition changed (type, header name, bearer format, OAuth URLs)",
  on: 'security-scheme-changed',
  match: (delta) => ({ message: `${delta.path} changed: ${JSON.stringify(delta.before)} -> ${JSON.stringify(delta.after)}` }),
});
