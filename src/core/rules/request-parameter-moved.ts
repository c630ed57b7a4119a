// Rule request-parameter-moved: a parameter moved (query, header, path or cookie): the connector sends it where it is no longer read.
import { defineRule } from '../define-rule.js';

/**
 * The connector sends `api_version` as a query parameter; the vendor now reads it from a header. Requests lose it and
 * are answered as the default version, or refused.
 */
export default defineRule({
  id: 'request-parameter-moved',
  severity: 'breaking',
  summary: "a parameter moved (query, header, path or cookie): the connector sends it where it is no longer read",
  on: 'parameter-moved',
  match: (delta) => ({ message: `${delta.path} moved to ${String(delta.after)}` }),
});
