// Rule ownership-review-overdue: nobody has confirmed the connector's ownership within the review window.
import { defineRule } from '../define-rule.js';

/**
 * Ownership rots quietly: teams reorganise, people change roles, and the registry still says what was true a year
 * ago. A periodic review (180 days by default) is the only way stale owners are caught before an incident.
 */
export default defineRule({
  id: 'ownership-review-overdue',
  severity: 'warning',
  summary: 'ownership not reviewed within `reviewEveryDays` (180 by default), or never: `reviewedAt` in contracts/owners.yaml',
  on: 'ownership-review-overdue',
  match: (delta) => {
    if (delta.after === null) {
      // Never reviewed is a gap in the map, not yet a sign of rot: it informs rather than warns.
      return {
        message: `ownership never reviewed: add \`reviewedAt\` for this connector in contracts/owners.yaml (reviews are due every ${delta.reviewEveryDays} days)`,
        severity: 'info',
      };
    }
    return {
      message: `ownership last reviewed ${delta.after}, ${String(delta.ageDays)} days ago (due every ${delta.reviewEveryDays} days)`,
    };
  },
});
