// Rule request-parameter-deprecated: a parameter is now deprecated; a warning when its sunset is near, breaking once past.
import { defineRule } from '../define-rule.js';
import { describeSunset, sunsetSeverity } from '../describe-constraint.js';

/**
 * The connector filters by `?created=`; the vendor deprecates the parameter with a sunset date. It works today and
 * stops working on that date: the closer it is, the louder the finding.
 */
export default defineRule({
  id: 'request-parameter-deprecated',
  severity: 'info',
  summary: "a parameter is now deprecated; a warning when its sunset is near, breaking once past",
  on: 'parameter-deprecated',
  match: (delta) => ({ message: `${delta.path} is now ${describeSunset(delta)}`, severity: sunsetSeverity(delta) }),
});
