// One webhook delivery -> a redacted sample of its event type (`event:<type>`), or the reason it is rejected. The same
// gates as a vendor answer, in the same order: size, JSON, complexity (before anything recurses), then redaction.
import { createHash } from 'node:crypto';
import { parseBodyPath, readBodyPath } from '../core/body-path.js';
import type { Connector, JsonValue, Sample } from '../core/model.js';
import { redactValue } from '../core/redact.js';
import { checkComplexity } from '../sampler/complexity.js';

/** Why a delivery was not judged; each has its HTTP status in `receive` and is counted, never stored raw. */
export type RejectReason = 'unknown-connector' | 'no-events' | 'bad-signature' | 'too-large' | 'not-json' | 'too-complex' | 'no-type';

export const REJECT_STATUS: Readonly<Record<RejectReason, number>> = {
  'unknown-connector': 404,
  'no-events': 404,
  'bad-signature': 401,
  'too-large': 413,
  'not-json': 415,
  'too-complex': 422,
  'no-type': 422,
};

export type DeliveryVerdict = { ok: true; type: string; sample: Sample } | { ok: false; reason: RejectReason; message: string };

/** An event type becomes a file name (snapshots/<connector>/events/<type>.json) and a place: keep it plain. */
const EVENT_TYPE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** The place of an event type's findings, baselines and samples. */
export function eventPlace(type: string): string {
  return `event:${type}`;
}

/** The event type of a place, or undefined when the place is an endpoint. */
export function eventTypeOf(place: string): string | undefined {
  return place.startsWith('event:') ? place.slice('event:'.length) : undefined;
}

export interface DeliveryInput {
  body: Buffer;
  receivedAt: string;
  /** Known secret values (the signing secret, the connector's credentials): redacted wherever they show. */
  secrets: readonly string[];
}

export function readDelivery(connector: Connector, input: DeliveryInput): DeliveryVerdict {
  const events = connector.events;
  if (events === undefined) return { ok: false, reason: 'no-events', message: `connector ${connector.name} has no events: section` };
  if (input.body.length > connector.maxBodyBytes) {
    return { ok: false, reason: 'too-large', message: `the delivery is ${input.body.length} bytes, over maxBodyBytes (${connector.maxBodyBytes})` };
  }
  let text = input.body.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(text) as JsonValue;
  } catch {
    // Not the parser's words: they quote the body, which may hold anything.
    return { ok: false, reason: 'not-json', message: `the delivery is not JSON (${input.body.length} bytes, refused unread)` };
  }
  // JSON.parse is iterative; redaction and inference recurse: bound the body first.
  const complexity = checkComplexity(parsed, connector.limits);
  if (!complexity.ok) return { ok: false, reason: 'too-complex', message: `${complexity.message}: not judged` };
  const body = redactValue(parsed, input.secrets);
  const path = parseBodyPath(events.typeField);
  const type = path.ok ? readBodyPath(body, path.segments) : undefined;
  if (typeof type !== 'string' || !EVENT_TYPE.test(type)) {
    const what = typeof type === 'string' ? `"${type.slice(0, 40)}" is not a usable event type (letters, digits, . _ -)` : `no event type at ${events.typeField}`;
    return { ok: false, reason: 'no-type', message: what };
  }
  return {
    ok: true,
    type,
    sample: {
      connector: connector.name,
      endpoint: eventPlace(type),
      method: 'POST',
      url: `/hooks/${connector.name}`,
      status: 200,
      contentType: 'application/json',
      headers: {},
      latencyMs: 0,
      sizeBytes: input.body.length,
      bodyHash: createHash('sha256').update(input.body).digest('hex'),
      body,
      takenAt: input.receivedAt,
      attempts: 1,
    },
  };
}
