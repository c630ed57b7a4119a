// The `events:` section: house checks the schema cannot say (a readable type path), and its defaults.
import { parseBodyPath } from '../core/body-path.js';
import { isRecord } from '../core/is-record.js';
import type { EventsConfig, SignatureScheme } from '../core/model.js';
import type { EventsInput } from './define-connector.js';
import type { HouseProblem } from './request-rules.js';

export const DEFAULT_TYPE_FIELD = 'type';
/** Stripe's own default: a delivery signed longer ago than this is a replay. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

/** The header each scheme signs in, when the connector does not name one. */
const DEFAULT_HEADERS: Readonly<Record<SignatureScheme, string>> = {
  'hmac-sha256': 'X-Signature',
  stripe: 'Stripe-Signature',
  github: 'X-Hub-Signature-256',
  none: '',
};

export function eventsProblems(events: Record<string, unknown>): HouseProblem[] {
  const problems: HouseProblem[] = [];
  if (typeof events.typeField === 'string') {
    const parsed = parseBodyPath(events.typeField);
    if (!parsed.ok) problems.push({ segments: ['events', 'typeField'], target: 'value', message: parsed.message });
  }
  const signature = events.signature;
  if (isRecord(signature) && signature.scheme === 'none' && signature.secretEnv !== undefined) {
    problems.push({ segments: ['events', 'signature', 'secretEnv'], target: 'key', message: 'scheme none checks no signature: remove secretEnv or name a scheme' });
  }
  return problems;
}

export function normalizeEvents(input: EventsInput): EventsConfig {
  const events: EventsConfig = { typeField: input.typeField ?? DEFAULT_TYPE_FIELD };
  const signature = input.signature;
  if (signature && signature.scheme !== 'none') {
    events.signature = {
      scheme: signature.scheme,
      header: signature.header ?? DEFAULT_HEADERS[signature.scheme],
      toleranceSeconds: signature.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
      ...(signature.secretEnv !== undefined ? { secretEnv: signature.secretEnv } : {}),
    };
  }
  return events;
}
