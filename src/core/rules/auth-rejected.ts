// Rule auth-rejected: the vendor answered 401 or 403: the credential was revoked, rotated or lost its scope.
import { defineRule } from '../define-rule.js';

/**
 * Someone rotated the API key in the vendor dashboard, or the vendor retired a scope. Every call now answers 401 and
 * the nightly sync moves nothing; if the key is shared, every connector using it stopped on the same night.
 */
export default defineRule({
  id: 'auth-rejected',
  severity: 'breaking',
  summary: 'the vendor answered 401/403: names the credential env var and the connectors that share it',
  on: 'auth-rejected',
  match: (delta) => {
    const cred = delta.env.length > 0 ? ` for the credential in ${delta.env.map((e) => `$${e}`).join(' + ')}` : '';
    const also = delta.sharedWith.length > 0 ? `; also used by ${delta.sharedWith.join(', ')}` : '';
    return { message: `vendor rejected the credentials (HTTP ${String(delta.status)})${cred}${also}` };
  },
});
