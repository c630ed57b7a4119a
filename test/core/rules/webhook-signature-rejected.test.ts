import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/webhook-signature-rejected.js';
import { signatureRejectedDeltas } from '../../../src/events/event-deltas.js';
import type { Connector } from '../../../src/core/model.js';
import { deltaRuleTable, testConnector } from '../../owners/rule-table.js';

const signed: Connector = testConnector({ events: { typeField: 'type', signature: { scheme: 'stripe', header: 'Stripe-Signature', secretEnv: 'LEDGERLY_WEBHOOK_SECRET', toleranceSeconds: 300 } } });
const unsigned: Connector = testConnector({ events: { typeField: 'type' } });

describe('webhook-signature-rejected', () => {
  it('defaults to warning', () => expect(rule.severity).toBe('warning'));
  deltaRuleTable(rule, [
    { name: 'silent when every signature verified', deltas: () => signatureRejectedDeltas(signed, 0, 12, ''), want: [] },
    { name: 'silent when no signature is configured', deltas: () => signatureRejectedDeltas(unsigned, 5, 0, 'x'), want: [] },
    {
      name: 'a stray bad delivery among good ones is a warning naming the env var',
      deltas: () => signatureRejectedDeltas(signed, 1, 20, 'Stripe-Signature does not match the body (stripe)'),
      want: [{ path: 'signature.LEDGERLY_WEBHOOK_SECRET', message: /1 delivery failed the stripe signature check with the secret in \$LEDGERLY_WEBHOOK_SECRET/ }],
    },
    {
      name: 'a batch where every delivery fails is breaking: the secret was rotated',
      deltas: () => signatureRejectedDeltas(signed, 4, 0, 'Stripe-Signature does not match the body (stripe)'),
      want: [{ path: 'signature.LEDGERLY_WEBHOOK_SECRET', severity: 'breaking', message: /rotated/ }],
    },
  ]);
});
