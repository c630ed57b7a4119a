// Webhook deliveries as a billing vendor sends them: invoice.paid (optionally after the release that renames
// line_items), invoice.created, and helpers to write them as JSONL, JSON and HAR capture files.
import { writeFile } from 'node:fs/promises';

/** Planted in every payload under an innocent-looking field name and a secret one: must never be written anywhere. */
export const PLANTED_SECRET = 'sk_live_PLANTEDwebhook9Zq4secret7781';

export interface DeliveryOptions {
  /** The vendor's release renamed `data.line_items` to `data.lines`. */
  renamed?: boolean;
}

export function invoicePaid(i: number, options: DeliveryOptions = {}): Record<string, unknown> {
  const items = Array.from({ length: 1 + (i % 3) }, (_, k) => ({ id: `li_${i}_${k}`, description: `Seat ${k}`, amount: 1000 * (k + 1), quantity: 1 + k }));
  return {
    id: `evt_${String(i).padStart(6, '0')}`,
    type: 'invoice.paid',
    created: 1_764_000_000 + i,
    livemode: false,
    data: {
      id: `in_${i}`,
      customer: `cus_${i % 7}`,
      currency: ['usd', 'eur', 'gbp'][i % 3],
      amount_paid: 1000 * items.length,
      status: 'paid',
      ...(options.renamed ? { lines: items } : { line_items: items }),
      api_key: PLANTED_SECRET,
    },
  };
}

export function invoiceCreated(i: number): Record<string, unknown> {
  return { id: `evt_c${i}`, type: 'invoice.created', created: 1_764_000_000 + i, livemode: false, data: { id: `in_${i}`, customer: `cus_${i % 7}`, amount_due: 1000 + i, status: 'open' } };
}

export const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, k) => from + k);

export async function writeJsonl(file: string, deliveries: readonly unknown[], extraLines: readonly string[] = []): Promise<string> {
  await writeFile(file, [...deliveries.map((d) => JSON.stringify(d)), ...extraLines].join('\n') + '\n', 'utf8');
  return file;
}

/** A HAR as a proxy in front of the consumer would record it: one POST per delivery. */
export async function writeHar(file: string, deliveries: readonly unknown[]): Promise<string> {
  const entries = deliveries.map((d) => ({
    startedDateTime: '2026-12-06T09:00:00.000Z',
    time: 3,
    request: {
      method: 'POST',
      url: 'https://consumer.example.com/hooks/billing',
      httpVersion: 'HTTP/1.1',
      headers: [{ name: 'content-type', value: 'application/json' }],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: -1,
      postData: { mimeType: 'application/json', text: JSON.stringify(d) },
    },
    response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: 'text/plain' }, redirectURL: '', headersSize: -1, bodySize: -1 },
    cache: {},
    timings: { send: 0, wait: 3, receive: 0 },
  }));
  await writeFile(file, JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } }), 'utf8');
  return file;
}

/** POSTs one delivery as a vendor would, signed with `sign` (the header name and value), and returns the status. */
export async function postDelivery(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const { request } = await import('undici');
  const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.statusCode, body: await res.body.text() };
}

/** Polls `probe` until it returns something (25 ms steps, 20 s at most): for work that finishes in the background. */
export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, context: () => string = () => ''): Promise<T> {
  for (let i = 0; i < 800; i++) {
    const hit = await probe();
    if (hit !== undefined) return hit;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no ${what} within 20 s\n${context()}`);
}
