// Rule owner-missing: a connector with nobody (or nobody the registry knows) answering for it.
import { defineRule } from '../define-rule.js';

/**
 * The vendor changes something at 3 a.m., driftwatch sees it, and the alert goes to... nobody: the connector names no
 * system owner or data owner, or names someone owners.yaml has never heard of. The drift sits unread until a customer
 * complains that invoices stopped.
 */
export default defineRule({
  id: 'owner-missing',
  severity: 'warning',
  summary: 'the connector names no system owner or data owner, or an owner missing from contracts/owners.yaml',
  on: 'owner-missing',
  match: (delta) => {
    if (delta.reason === 'unregistered') {
      return {
        message: `system owner "${String(delta.after)}" is not listed in ${delta.registry ?? 'contracts/owners.yaml'}: nobody can check they are still here`,
      };
    }
    return {
      message:
        delta.role === 'dataOwner'
          ? 'no data owner: nobody decides what this data may be used for or signs off a vendor change'
          : 'no system owner: drift on this connector reaches nobody',
    };
  },
});
