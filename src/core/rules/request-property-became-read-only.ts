// Rule request-property-became-read-only: a request body property became readOnly: the vendor ignores (or refuses) it.
import { defineRule } from '../define-rule.js';

/**
 * The connector sets `subscription.status` on update; the vendor marks it `readOnly`. The value is ignored from now on,
 * so the update the connector believes it made silently does not happen (or the request is refused).
 */
export default defineRule({
  id: 'request-property-became-read-only',
  severity: 'warning',
  summary: "a request body property became readOnly: the vendor ignores (or refuses) it",
  on: 'body-property-became-read-only',
  match: (delta) => ({ message: `${delta.path} became readOnly: the vendor no longer takes it from requests` }),
});
