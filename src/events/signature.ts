// Webhook signatures: hmac-sha256 (hex of the raw body), Stripe (`t=..,v1=..` over `t.body`) and GitHub (`sha256=..`).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { EventsConfig } from '../core/model.js';

export type SignatureVerdict = { ok: true } | { ok: false; reason: string };

type SignatureConfig = NonNullable<EventsConfig['signature']>;

/** Constant-time comparison of two hex digests; a malformed one is simply unequal. */
function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(given.trim().toLowerCase(), 'hex');
  return a.length > 0 && a.length === b.length && timingSafeEqual(a, b);
}

function hmacHex(secret: string, ...parts: Array<string | Buffer>): string {
  const mac = createHmac('sha256', secret);
  for (const part of parts) mac.update(part);
  return mac.digest('hex');
}

/**
 * Checks one delivery's signature. `header` is the value of the configured header (undefined when absent); `nowSeconds`
 * is the receiver's clock (Stripe signatures older or newer than the tolerance are replays). The reason never repeats
 * the secret or the signature.
 */
export function verifySignature(config: SignatureConfig, header: string | undefined, body: Buffer, secret: string, nowSeconds: number): SignatureVerdict {
  if (header === undefined || header.trim() === '') return { ok: false, reason: `no ${config.header} header` };
  switch (config.scheme) {
    case 'hmac-sha256': {
      const given = header.trim().replace(/^sha256=/i, '');
      return sameHex(hmacHex(secret, body), given) ? { ok: true } : { ok: false, reason: `${config.header} does not match the body (hmac-sha256)` };
    }
    case 'github': {
      const match = /^sha256=([0-9a-f]+)$/i.exec(header.trim());
      if (!match) return { ok: false, reason: `${config.header} is not of the form sha256=<hex>` };
      return sameHex(hmacHex(secret, body), match[1]!) ? { ok: true } : { ok: false, reason: `${config.header} does not match the body (github)` };
    }
    case 'stripe': {
      const parts = header.split(',').map((p) => p.trim().split('='));
      const t = parts.find(([k]) => k === 't')?.[1];
      const v1 = parts.filter(([k]) => k === 'v1').map(([, v]) => v ?? '');
      if (t === undefined || !/^\d+$/.test(t) || v1.length === 0) return { ok: false, reason: `${config.header} lacks t= or v1=` };
      const expected = hmacHex(secret, `${t}.`, body);
      if (!v1.some((v) => sameHex(expected, v))) return { ok: false, reason: `${config.header} does not match the body (stripe)` };
      if (Math.abs(nowSeconds - Number(t)) > config.toleranceSeconds) return { ok: false, reason: `${config.header} was signed more than ${config.toleranceSeconds} s from now (a replay?)` };
      return { ok: true };
    }
    case 'none':
      return { ok: true };
  }
}

/** The header value a vendor would send for `body` (tests, the demo and the benchmark sign with it). */
export function signDelivery(config: Pick<SignatureConfig, 'scheme'>, body: string | Buffer, secret: string, nowSeconds: number): string {
  switch (config.scheme) {
    case 'hmac-sha256':
      return hmacHex(secret, body);
    case 'github':
      return `sha256=${hmacHex(secret, body)}`;
    case 'stripe':
      return `t=${nowSeconds},v1=${hmacHex(secret, `${nowSeconds}.`, body)}`;
    case 'none':
      return '';
  }
}
