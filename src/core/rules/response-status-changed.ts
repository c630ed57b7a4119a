// Rule response-status-changed: the endpoint answers with a different HTTP status than the snapshot's.
import { defineRule } from '../define-rule.js';

/**
 * The connector treats 200 as "here is the data"; when the vendor moves the endpoint and answers 301, or starts
 * answering 202 with a job id, the connector parses the wrong body or none at all.
 */
export default defineRule({
  id: 'response-status-changed',
  severity: 'breaking',
  summary: "the endpoint answers with a status other than the accepted snapshot's (or the ones its spec documents)",
  on: 'status-changed',
  match: (delta) => {
    const before = delta.before.join(' or ');
    if (delta.by === 'spec') return { message: `status ${delta.after} is not documented by the vendor's spec (it lists ${before || 'none'})` };
    return { message: `status changed from ${before} to ${delta.after}` };
  },
});
