// Progress lines for people watching a long run (stderr): the words live here, the sampler only reports events.
import type { RetryEvent } from '../sampler/sample-endpoint.js';

/** `billing/list-invoices: HTTP 503, retrying 2/3 in 1.2 s` */
export function retryLine(event: RetryEvent): string {
  return `${event.connector}/${event.endpoint}: ${event.reason}, retrying ${event.attempt}/${event.of} in ${(event.delayMs / 1000).toFixed(1)} s`;
}
