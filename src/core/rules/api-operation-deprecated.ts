// Rule api-operation-deprecated: an operation was deprecated (or its sunset moved); a warning when the sunset is near, breaking once past.
import { defineRule } from '../define-rule.js';
import { describeSunset, sunsetSeverity } from '../describe-constraint.js';

/**
 * The connector calls `GET /v1/charges`; the vendor deprecates it with `x-sunset: 2027-03-01`. It works today and
 * stops on that date. The finding is information while the date is far, a warning inside the connector's warning
 * window, and breaking once the date has passed (the operation may vanish any day).
 */
export default defineRule({
  id: 'api-operation-deprecated',
  severity: 'info',
  summary: "an operation was deprecated (or its sunset moved); a warning when the sunset is near, breaking once past",
  on: 'operation-deprecated',
  match: (delta, ctx) => ({
    message: `${ctx.endpoint} is now ${describeSunset(delta)}${delta.before !== undefined ? ` (was ${String(delta.before)})` : ''}`,
    severity: sunsetSeverity(delta),
  }),
});
