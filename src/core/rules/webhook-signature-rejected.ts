// Rule webhook-signature-rejected: deliveries arrive with a signature the configured secret does not verify.
import { defineRule } from '../define-rule.js';

/** A batch where every delivery fails, and at least this many did: the secret changed, not one stray request. */
const ALL_FAILING = 3;

/**
 * The vendor rotated its signing secret (or the consumer's copy is stale): the consumer's own check now rejects every
 * delivery and payments stop being recorded while the vendor retries into the void. A few stray bad requests among
 * good ones are a warning (a probe, a replay); a batch where every delivery fails is breaking.
 */
export default defineRule({
  id: 'webhook-signature-rejected',
  severity: 'warning',
  summary: 'webhook deliveries whose signature the secret in the named env var does not verify (rejected with 401)',
  on: 'webhook-signature-rejected',
  match: (delta) => {
    const all = delta.verified === 0 && delta.rejected >= ALL_FAILING;
    const secret = delta.env === '' ? 'the configured secret' : `the secret in $${delta.env}`;
    return {
      message: `${delta.rejected} deliver${delta.rejected === 1 ? 'y' : 'ies'} failed the ${delta.scheme} signature check with ${secret} (${delta.reason})${all ? '; none verified: was the signing secret rotated?' : ''}`,
      ...(all ? { severity: 'breaking' as const } : {}),
    };
  },
});
