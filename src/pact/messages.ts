// Message pacts and webhook events: which event type a message interaction expects, and what it pins of its payload.
import { parseBodyPath, readBodyPath } from '../core/body-path.js';
import type { Connector } from '../core/model.js';
import type { PactMessage } from './pact-file.js';

/** The event type a message expects (its example value at the connector's typeField), or why there is none. */
export function messageEventType(connector: Connector, message: PactMessage): { type: string } | { why: string } {
  const events = connector.events;
  if (events === undefined) return { why: `${connector.name} has no events: section, so no delivery of this message is ever captured` };
  if (message.content === undefined) return { why: `its content is not JSON (${message.contentType ?? 'no content type'}): driftwatch compares JSON payloads only` };
  const path = parseBodyPath(events.typeField);
  const type = path.ok ? readBodyPath(message.content, path.segments) : undefined;
  if (typeof type !== 'string' || type === '') return { why: `its content names no event type at ${events.typeField}` };
  return { type };
}
