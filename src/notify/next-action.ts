// What settles one finding, in the words its alert uses. Pure. Accepting is the wrong advice when a consumer contract
// breaks (accept never mends a contract), and `accept --change` is the right one when the vendor breaks its own spec.
import type { Evidence } from '../core/model.js';

export interface ActionableChange {
  fingerprint: string;
  rule: string;
  source: string;
  evidence: readonly Evidence[];
}

/** The outage rule: the vendor did not answer; nothing to accept. */
export const OUTAGE_RULE = 'endpoint-outage';

/** The one next step for a finding, or undefined for the connector-wide kinds (auth, ownership) the list covers. */
export function nextActionFor(change: ActionableChange, connector: string): string | undefined {
  const sources = new Set([...change.evidence.map((e) => e.source), ...change.source.split(',')]);
  if (change.rule === OUTAGE_RULE) {
    return "The vendor is not answering: check its status page and the connector's network path. It resolves by itself when a sample succeeds; accept does not apply.";
  }
  if (sources.has('auth') || sources.has('ownership')) return undefined;
  if (sources.has('pact')) {
    return `A consumer contract breaks: \`driftwatch accept\` will not settle it. Update the contract (the pact) to what the vendor now sends, or add an ignore entry with a reason: \`driftwatch accept --change ${change.fingerprint} --reason "..."\`.`;
  }
  if (sources.has('spec') || sources.has('spec-diff')) {
    return `The vendor breaks its own spec: \`driftwatch accept --connector ${connector}\` settles it while the vendor keeps sending the same; to record why, \`driftwatch accept --change ${change.fingerprint} --reason "..."\`.`;
  }
  return `If the vendor change is expected: \`driftwatch accept --connector ${connector}\` (or \`driftwatch accept --change ${change.fingerprint} --reason "..."\`); if not, fix the connector or raise it with the vendor.`;
}
