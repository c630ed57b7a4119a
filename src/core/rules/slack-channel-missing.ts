// Rule slack-channel-missing: the connector names no Slack channel where its alerts and discussion live.
import { defineRule } from '../define-rule.js';

/**
 * Alerts sent to one person's handle die with their vacation. Without a channel, a breaking vendor change is a direct
 * message nobody else sees, and the team learns of it from the incident review.
 */
export default defineRule({
  id: 'slack-channel-missing',
  severity: 'warning',
  summary: 'no Slack channel (`#...`) for the connector: neither `owner.slack` nor `channel` in contracts/owners.yaml',
  on: 'slack-channel-missing',
  match: (delta) => {
    const only = delta.handle !== null ? ` (only the handle ${delta.handle})` : '';
    return { message: `no Slack channel${only}: set \`channel: "#..."\` for this connector in contracts/owners.yaml` };
  },
});
