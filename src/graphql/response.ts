// A GraphQL answer -> its payload: `data` is what the connector reads; `errors` make the sample a failure with their words.
import { isRecord } from '../core/is-record.js';
import type { JsonValue } from '../core/model.js';

export type GraphqlPayload = { ok: true; data: JsonValue } | { ok: false; kind: 'graphql-errors' | 'invalid-json'; message: string };

/** At most this many error messages, each cut to this length: enough to act on, bounded whatever the vendor sends. */
const MAX_ERRORS = 3;
const MAX_MESSAGE = 200;

function errorText(error: JsonValue): string {
  if (!isRecord(error)) return JSON.stringify(error).slice(0, MAX_MESSAGE);
  const message = typeof error.message === 'string' ? error.message : 'an error without a message';
  const path = Array.isArray(error.path) && error.path.length > 0 ? ` (at ${error.path.map(String).join('.')})` : '';
  return `${message.slice(0, MAX_MESSAGE)}${path}`;
}

/**
 * Partial data next to errors is not the vendor's shape: the nulls stand for failed resolvers, and learning them
 * would report fields "became nullable". Any error makes the sample a failure.
 */
export function graphqlPayload(body: JsonValue): GraphqlPayload {
  if (!isRecord(body) || (!('data' in body) && !('errors' in body))) {
    return { ok: false, kind: 'invalid-json', message: 'the answer is not a GraphQL response (no `data` or `errors` member)' };
  }
  const errors = Array.isArray(body.errors) ? body.errors : [];
  if (errors.length > 0) {
    const shown = errors.slice(0, MAX_ERRORS).map(errorText).join('; ');
    const more = errors.length > MAX_ERRORS ? ` (and ${errors.length - MAX_ERRORS} more)` : '';
    return { ok: false, kind: 'graphql-errors', message: `GraphQL errors: ${shown}${more}` };
  }
  if (body.data === undefined || body.data === null) return { ok: false, kind: 'graphql-errors', message: 'GraphQL answered without data and without errors' };
  return { ok: true, data: body.data };
}
