// Rule endpoint-outage: no successful answer from an endpoint for N runs in a row, or its circuit opened: an incident.
import { defineRule } from '../define-rule.js';

/**
 * The vendor is down (connection refused, timeouts, 5xx) or the watch daemon stopped calling it. Nothing syncs until it
 * is back; the finding resolves itself when a sample succeeds. One failed run is not an outage (a blip); the
 * threshold is `DRIFTWATCH_OUTAGE_RUNS` (default 2).
 */
export default defineRule({
  id: 'endpoint-outage',
  severity: 'breaking',
  summary: 'no successful answer for N runs in a row (default 2) or the circuit opened: an outage, resolved by the next success',
  on: 'endpoint-down',
  match: (delta) => {
    if (delta.circuit) return { message: `circuit open: driftwatch stopped calling the vendor after repeated failures (last: ${delta.failure})` };
    if (delta.runs < delta.threshold) return null;
    return { message: `no successful answer for ${delta.runs} runs in a row (last: ${delta.failure})` };
  },
});
