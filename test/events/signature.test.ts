// Webhook signatures as the vendors compute them: GitHub's X-Hub-Signature-256, Stripe's t=/v1= with its replay window,
// a plain hex HMAC-SHA256; tampered bodies, wrong secrets, malformed or missing headers fail.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signDelivery, verifySignature } from '../../src/events/signature.js';

const SECRET = 'whsec_unit_3c4d5e';
const BODY = Buffer.from('{"type":"invoice.paid","data":{"id":"in_1"}}');
const NOW = 1_764_000_000;
const config = (scheme: 'hmac-sha256' | 'stripe' | 'github', header = 'X-Signature') => ({ scheme, header, toleranceSeconds: 300 });

describe('verifySignature', () => {
  it('github: sha256=<hex> of the raw body, as GitHub documents it', () => {
    const header = `sha256=${createHmac('sha256', SECRET).update(BODY).digest('hex')}`;
    expect(signDelivery({ scheme: 'github' }, BODY, SECRET, NOW)).toBe(header);
    expect(verifySignature(config('github'), header, BODY, SECRET, NOW)).toEqual({ ok: true });
    expect(verifySignature(config('github'), header.replace('sha256=', ''), BODY, SECRET, NOW).ok).toBe(false);
    expect(verifySignature(config('github'), header, Buffer.from(`${BODY.toString()} `), SECRET, NOW).ok).toBe(false);
  });

  it('stripe: v1 over "t.body", any of several v1 values, and a replay outside the tolerance fails', () => {
    const v1 = createHmac('sha256', SECRET).update(`${NOW}.${BODY.toString()}`).digest('hex');
    expect(verifySignature(config('stripe'), `t=${NOW},v1=${'0'.repeat(64)},v1=${v1}`, BODY, SECRET, NOW + 10)).toEqual({ ok: true });
    const replay = verifySignature(config('stripe'), `t=${NOW},v1=${v1}`, BODY, SECRET, NOW + 301);
    expect(replay.ok).toBe(false);
    expect(replay.ok === false && replay.reason).toMatch(/replay/);
    expect(verifySignature(config('stripe'), `t=${NOW},v1=${v1}`, BODY, 'whsec_other', NOW).ok).toBe(false);
    expect(verifySignature(config('stripe'), `v1=${v1}`, BODY, SECRET, NOW).ok).toBe(false);
  });

  it('hmac-sha256: hex with or without a sha256= prefix; missing or garbage headers fail without echoing anything', () => {
    const hex = createHmac('sha256', SECRET).update(BODY).digest('hex');
    expect(verifySignature(config('hmac-sha256'), hex, BODY, SECRET, NOW)).toEqual({ ok: true });
    expect(verifySignature(config('hmac-sha256'), `sha256=${hex.toUpperCase()}`, BODY, SECRET, NOW)).toEqual({ ok: true });
    const missing = verifySignature(config('hmac-sha256'), undefined, BODY, SECRET, NOW);
    expect(missing).toEqual({ ok: false, reason: 'no X-Signature header' });
    const garbage = verifySignature(config('hmac-sha256'), 'zz-not-hex', BODY, SECRET, NOW);
    expect(garbage.ok).toBe(false);
    expect(JSON.stringify(garbage)).not.toContain(SECRET);
  });
});
