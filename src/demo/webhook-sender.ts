// Ledgerly's webhook sender for the demo: POSTs deliveries to a receiver, signed the way Stripe signs them.
import { request } from 'undici';
import type { JsonObject } from '../core/model.js';
import { signDelivery } from '../events/signature.js';

/** POSTs each delivery in order; resolves to the statuses the receiver answered. */
export async function sendWebhooks(url: string, deliveries: readonly JsonObject[], secret: string, now: () => Date): Promise<number[]> {
  const statuses: number[] = [];
  for (const delivery of deliveries) {
    const body = JSON.stringify(delivery);
    const signature = signDelivery({ scheme: 'stripe' }, body, secret, Math.floor(now().getTime() / 1000));
    const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });
    await res.body.dump();
    statuses.push(res.statusCode);
  }
  return statuses;
}
