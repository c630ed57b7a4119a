// Rule credential-shared: one credential env var is used by several connectors.
import { defineRule } from '../define-rule.js';

/**
 * Four connectors read the same API key. The day it is rotated or revoked, four business processes stop at once, and
 * nobody can rotate it for one of them without breaking the other three.
 */
export default defineRule({
  id: 'credential-shared',
  severity: 'warning',
  summary: 'one credential env var is used by several connectors: one rotation or revocation breaks them all at once',
  match(delta) {
    if (delta.location !== 'auth' || delta.kind !== 'credential-shared') return null;
    const detail = delta.detail ?? {};
    const others = Array.isArray(detail['others']) ? (detail['others'] as unknown[]).map(String) : [];
    return { message: `credential $${String(detail['env'] ?? '?')} is also used by ${others.join(', ')}: one rotation breaks them all` };
  },
});
