// Delivers one outbox message: Slack incoming webhook (@slack/webhook) or a generic JSON webhook. Failures are values.
import { IncomingWebhook, IncomingWebhookHTTPError, IncomingWebhookRequestError } from '@slack/webhook';
import type { OutboxMessage } from '../store/tables.js';
import { parseRetryAfter } from '../core/retry-after.js';

export type TargetKind = 'slack' | 'webhook';

/** An outbox target names the env var holding the URL (`slack:BILLING_SLACK_WEBHOOK`): the URL is a credential. */
export interface Target {
  kind: TargetKind;
  env: string;
}

export function formatTarget(target: Target): string {
  return `${target.kind}:${target.env}`;
}

export function parseTarget(text: string): Target | null {
  const match = /^(slack|webhook):([A-Za-z_][A-Za-z0-9_]*)$/.exec(text);
  return match ? { kind: match[1] as TargetKind, env: match[2]! } : null;
}

export type DeliveryResult =
  | { ok: true; status: number }
  | {
      ok: false;
      /** Free of the webhook URL. */
      error: string;
      status?: number;
      /** From a Retry-After header: the receiver's own word on when to come back. */
      retryAfterMs?: number;
    };

export interface DeliverOptions {
  env: Readonly<Record<string, string | undefined>>;
  timeoutMs?: number;
  /** Replaces global fetch (tests, proxies). */
  fetch?: typeof fetch;
}

export const DEFAULT_DELIVERY_TIMEOUT_MS = 10_000;

export async function deliver(message: OutboxMessage, options: DeliverOptions, now: Date): Promise<DeliveryResult> {
  const target = parseTarget(message.target);
  if (!target) return { ok: false, error: `unknown target "${message.target}"` };
  const url = options.env[target.env];
  if (!url) return { ok: false, error: `$${target.env} is not set: no webhook URL to deliver to` };
  const timeoutMs = options.timeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS;
  const fetchFn = options.fetch ?? fetch;
  try {
    return target.kind === 'slack'
      ? await deliverSlack(url, message, timeoutMs, fetchFn, now)
      : await deliverJson(url, message, timeoutMs, fetchFn, now);
  } catch (error) {
    // Anything unexpected still leaves the message in the outbox; the text is scrubbed of the URL.
    return { ok: false, error: scrub(describeError(error), url) };
  }
}

/**
 * Every delivery carries the outbox key as `Idempotency-Key`: a retry after a lost answer (or a crash between the
 * receiver's 200 and `markDelivered`) is recognisable as the same message by a receiver that looks.
 */
const IDEMPOTENCY_HEADER = 'idempotency-key';

async function deliverSlack(url: string, message: OutboxMessage, timeoutMs: number, fetchFn: typeof fetch, now: Date): Promise<DeliveryResult> {
  const payload = message.payload;
  let retryAfter: string | null = null;
  let status = 0;
  // @slack/webhook does not expose response headers on errors; a wrapping fetch keeps Retry-After.
  const recording = async (input: string | URL, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    headers.set(IDEMPOTENCY_HEADER, message.key);
    const response = await fetchFn(input, { ...init, headers });
    status = response.status;
    retryAfter = response.headers.get('retry-after');
    return response;
  };
  const hook = new IncomingWebhook(url, { timeout: timeoutMs, fetch: recording as never });
  const body = (payload ?? {}) as Parameters<IncomingWebhook['send']>[0];
  try {
    await hook.send(body);
    return { ok: true, status: status || 200 };
  } catch (error) {
    const retryAfterMs = parseRetryAfter(retryAfter, now);
    if (error instanceof IncomingWebhookHTTPError) {
      return {
        ok: false,
        status: error.statusCode,
        error: scrub(`Slack answered HTTP ${error.statusCode}${error.body ? `: ${error.body.slice(0, 200)}` : ''}`, url),
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      };
    }
    if (error instanceof IncomingWebhookRequestError) {
      return { ok: false, error: scrub(`Slack could not be reached: ${describeError(error.original)}`, url) };
    }
    throw error;
  }
}

async function deliverJson(url: string, message: OutboxMessage, timeoutMs: number, fetchFn: typeof fetch, now: Date): Promise<DeliveryResult> {
  const payload = message.payload;
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'driftwatch', [IDEMPOTENCY_HEADER]: message.key },
      body: JSON.stringify(payload),
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { ok: false, error: scrub(`webhook could not be reached: ${describeError(error)}`, url) };
  }
  const text = await response.text().catch(() => '');
  if (response.ok) return { ok: true, status: response.status };
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
  return {
    ok: false,
    status: response.status,
    error: scrub(`webhook answered HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`, url),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}

/** `fetch failed (ECONNREFUSED)`, `timeout`: the useful part of a network error. */
function describeError(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timed out';
    const cause = (error as { cause?: unknown }).cause;
    const code = cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : undefined;
    return code ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}

function scrub(text: string, url: string): string {
  return url ? text.split(url).join('[webhook URL]') : text;
}
