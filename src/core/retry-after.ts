// Retry-After (RFC 9110), read the same way by the sampler (a vendor saying "not now") and by alert delivery (Slack).

/**
 * Retry-After as milliseconds: delta-seconds (`120`) or an HTTP date. Undefined when absent or unreadable;
 * a date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value === undefined || value === null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
