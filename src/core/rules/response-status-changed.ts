// Rule response-status-changed: the endpoint answers with a different HTTP status than the snapshot's.
import { defineRule } from '../define-rule.js';

/**
 * The connector treats 200 as "here is the data"; when the vendor moves the endpoint and answers 301, or starts
 * answering 202 with a job id, the connector parses the wrong body or none at all.
 */
export default defineRule({
  id: 'response-status-changed',
  severity: 'breaking',
  summary: 'the endpoint answers with a different HTTP status than the snapshot',
  match(delta) {
    if (delta.location !== 'response' || delta.kind !== 'status-changed') return null;
    return { message: `status changed from ${String(delta.before)} to ${String(delta.after)}` };
  },
});
