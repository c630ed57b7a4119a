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
  on: 'credential-shared',
  match: (delta) => ({ message: `credential $${delta.env} is also used by ${delta.others.join(', ')}: one rotation breaks them all` }),
});
