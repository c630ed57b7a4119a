// Rule owner-inactive: the connector's named owner is marked inactive in the owners registry.
import { defineRule } from '../define-rule.js';

/**
 * The person who built the connector left last spring. Their name is still in connector.yaml, so every alert goes to
 * a deactivated Slack account, and the first anyone hears of a vendor change is the month-end close failing.
 */
export default defineRule({
  id: 'owner-inactive',
  severity: 'warning',
  summary: 'the system or data owner is marked `active: false` in contracts/owners.yaml (they left or moved on)',
  on: 'owner-inactive',
  match: (delta) => {
    const role = delta.role === 'dataOwner' ? 'data owner' : 'system owner';
    return { message: `${role} ${delta.after} is marked inactive: name a new ${role} in contracts/owners.yaml` };
  },
});
