// Rule pact-pin-type-mismatch: a field a pact pins has an incompatible type in the vendor's accepted snapshot.
import { defineRule } from '../define-rule.js';

/**
 * The contract expects `amount_due` to be an integer; the accepted snapshot says the vendor sends a string. The
 * consumer's parser (and the Pact verifier) will reject every real response: the contract and reality disagree.
 */
export default defineRule({
  id: 'pact-pin-type-mismatch',
  severity: 'breaking',
  summary: 'a field a pact pins has a type in the accepted snapshot the pact does not accept',
  match(delta) {
    if (delta.location !== 'contract' || delta.kind !== 'pact-pin-type-mismatch') return null;
    const d = delta.detail ?? {};
    const interaction = typeof d.interaction === 'string' ? `"${d.interaction}" expects ` : 'the pact expects ';
    return { message: `${interaction}${delta.path} to be ${String(delta.before)}, the accepted snapshot has ${String(delta.after)}` };
  },
});
