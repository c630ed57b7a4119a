// Rule refresh-token-rotated: the vendor rotated the connector's refresh token; the one in the secret store is stale.
import { defineRule } from '../define-rule.js';

/**
 * The vendor issues a new refresh token on every refresh and revokes the old one (RFC 6749 §6 allows it). driftwatch
 * holds the new one in memory only and can never write it back, so the value in the secret store is now dead: the
 * next run, and anything else reading the same variable, gets `invalid_grant` and the sync stops.
 */
export default defineRule({
  id: 'refresh-token-rotated',
  severity: 'breaking',
  summary: 'the OAuth2 token endpoint rotated the refresh token: names the env var and the next action (authorise again and update the secret store now)',
  on: 'refresh-token-rotated',
  match: (delta) => ({
    message:
      `the vendor rotated the refresh token in $${delta.env}: the stored value is stale and the new one cannot be written back; ` +
      `authorise the connector again and put the new refresh token in $${delta.env} in the secret store now, or the next run ` +
      `(and anything else using $${delta.env}) is refused with invalid_grant`,
  }),
});
