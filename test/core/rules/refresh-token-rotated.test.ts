import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/refresh-token-rotated.js';
import { refreshTokenRotatedDeltas } from '../../../src/auth-drift/rotation.js';
import type { SampleOutcome } from '../../../src/core/model.js';
import { signalSample } from '../../sampler/signal-rule-table.js';
import { deltaRuleTable } from '../../owners/rule-table.js';

const rotated = (endpoint: string, env: string): SampleOutcome => ({ ok: true, sample: signalSample(endpoint, undefined, { authNote: { refreshTokenRotated: { env } } }) });
const plain = (endpoint: string): SampleOutcome => ({ ok: true, sample: signalSample(endpoint, undefined) });
const failed: SampleOutcome = { ok: false, failure: { connector: 'billing', endpoint: 'x', kind: 'auth-rejected', message: 'refused', latencyMs: 0, attempts: 0, takenAt: '2026-11-23T09:00:00Z' } };

describe('refresh-token-rotated', () => {
  it('defaults to breaking', () => expect(rule.severity).toBe('breaking'));
  deltaRuleTable(rule, [
    { name: 'silent when nothing rotated', deltas: () => refreshTokenRotatedDeltas([plain('a'), failed]), want: [] },
    {
      name: 'names the env var and the next action',
      deltas: () => refreshTokenRotatedDeltas([rotated('a', 'ERP_REFRESH_TOKEN')]),
      want: [{ path: 'auth.ERP_REFRESH_TOKEN', message: /rotated the refresh token in \$ERP_REFRESH_TOKEN.*put the new refresh token in \$ERP_REFRESH_TOKEN in the secret store now, or the next run/ }],
    },
    {
      name: 'one finding however many samples carried the note',
      deltas: () => refreshTokenRotatedDeltas([rotated('a', 'ERP_REFRESH_TOKEN'), rotated('b', 'ERP_REFRESH_TOKEN'), plain('c')]),
      want: [{ path: 'auth.ERP_REFRESH_TOKEN' }],
    },
  ]);
});
