// What only webhook deliveries can say, as deltas: an event type with no baseline yet, signatures that do not verify.
import type { DeltaOf } from '../core/deltas.js';
import type { Connector } from '../core/model.js';

export function eventTypeAddedDelta(type: string, deliveries: number): DeltaOf<'event-type-added'> {
  return { kind: 'event-type-added', location: 'response', path: '$', after: type, deliveries };
}

/** One delta for a batch's bad signatures (none when every signature verified, or none is configured). */
export function signatureRejectedDeltas(connector: Connector, rejected: number, verified: number, reason: string): DeltaOf<'webhook-signature-rejected'>[] {
  const signature = connector.events?.signature;
  if (signature === undefined || rejected === 0) return [];
  const env = signature.secretEnv ?? '';
  return [{ kind: 'webhook-signature-rejected', location: 'auth', path: `signature.${env}`, env, scheme: signature.scheme, after: signature.scheme, rejected, verified, reason }];
}
