// Rule spec-server-url-changed: a server URL the old spec listed is gone.
import { defineRule } from '../define-rule.js';

/**
 * The vendor moved from `https://api.ledgerly.com/v1` to `https://api.ledgerly.io/v2`. The connector's baseUrl still points
 * at the old host, which works until the vendor switches it off.
 */
export default defineRule({
  id: 'spec-server-url-changed',
  severity: 'warning',
  summary: 'a server URL of the spec was removed or replaced',
  on: 'server-url-changed',
  match: (delta) => ({ message: `server ${String(delta.before)} was replaced by ${String(delta.after)}` }),
});
