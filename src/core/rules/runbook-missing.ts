// Rule runbook-missing: the connector has no runbook link.
import { defineRule } from '../define-rule.js';

/**
 * The alert fires, the on-call engineer has never seen this connector, and there is no page telling them how to pause
 * the sync, where the credentials live, or whom at the vendor to call. An hour of archaeology during an incident.
 */
export default defineRule({
  id: 'runbook-missing',
  severity: 'warning',
  summary: 'the connector has no `runbook` URL (connector.yaml or contracts/owners.yaml)',
  on: 'runbook-missing',
  match: () => ({ message: 'no runbook: whoever gets the alert has no instructions (add `runbook:` to connector.yaml)' }),
});
