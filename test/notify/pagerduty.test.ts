// PagerDuty Events v2 as a target: only breaking findings and outages page, one event per finding keyed on its
// fingerprint, `resolve` for what paged; the routing key joins the body only on the wire.
import { describe, expect, it } from 'vitest';
import { resolveOwnership } from '../../src/core/ownership.js';
import { composeMessages } from '../../src/notify/compose.js';
import { deliver } from '../../src/notify/deliver.js';
import type { DriftEvent, DriftEventKind } from '../../src/store/ports/findings.js';
import type { DriftRecord, OutboxMessage } from '../../src/store/tables.js';
import { registry, testConnector } from '../owners/rule-table.js';
import { startSlackReceiver } from './slack-receiver.js';

const connector = testConnector();
const base: Omit<DriftRecord, 'id' | 'fingerprint' | 'severity' | 'rule'> = {
  connector: 'billing', endpoint: 'list-invoices', path: '$.x', source: 'snapshot', message: 'm', evidence: [{ source: 'snapshot', message: 'm' }],
  before: 'integer', after: 'string', status: 'open', pinned: null, suppressed: false, firstSeenRun: 1, firstSeenAt: '2026-11-23T09:00:00.000Z',
  lastSeenRun: 1, lastSeenAt: '2026-11-23T09:00:00.000Z', resolvedAt: null, note: null,
};
const ev = (kind: DriftEventKind, id: number, severity: DriftRecord['severity'], rule = 'response-property-type-changed'): DriftEvent => ({
  kind,
  drift: { ...base, id, fingerprint: `fp${id}`.padEnd(12, '0'), severity, rule, ...(kind === 'resolved' ? { status: 'resolved', resolvedAt: '2026-11-23T10:00:00.000Z' } : {}) },
});
const compose = (events: DriftEvent[]) =>
  composeMessages({ connector, ownership: resolveOwnership(connector, registry()), targets: [{ kind: 'pagerduty', env: 'DRIFTWATCH_PAGERDUTY_ROUTING_KEY' }], runId: 2, createdAt: '2026-11-23T10:00:00.000Z', events });

describe('PagerDuty target', () => {
  it('pages only breaking findings, one trigger per fingerprint, and resolves what resolved', () => {
    const drafts = compose([ev('opened', 1, 'breaking'), ev('opened', 2, 'warning'), ev('resolved', 3, 'breaking'), ev('resolved', 4, 'warning')]);
    expect(drafts.map((d) => [d.target, (d.payload as { event_action: string }).event_action, (d.payload as { dedup_key: string }).dedup_key])).toEqual([
      ['pagerduty:DRIFTWATCH_PAGERDUTY_ROUTING_KEY', 'trigger', 'fp1000000000'],
      ['pagerduty:DRIFTWATCH_PAGERDUTY_ROUTING_KEY', 'resolve', 'fp3000000000'],
    ]);
    expect(new Set(drafts.map((d) => d.key)).size).toBe(2);
    expect(drafts[0]!.payload).toMatchObject({ payload: { severity: 'error', source: 'billing', class: 'response-property-type-changed', summary: expect.stringContaining('Breaking drift on billing (Ledgerly)') } });
    expect(JSON.stringify(drafts)).not.toContain('routing_key');
  });

  it('delivers to the Events v2 endpoint with the routing key from the env var it names, scrubbed from errors', async () => {
    const pd = await startSlackReceiver();
    try {
      const [draft] = compose([ev('opened', 5, 'breaking')]);
      const message: OutboxMessage = { ...draft!, id: 1, attempts: 1, deliveredAt: null, lastError: null };
      const env = { DRIFTWATCH_PAGERDUTY_ROUTING_KEY: 'R0UTINGKEYsecret42', DRIFTWATCH_PAGERDUTY_URL: `${pd.url}/v2/enqueue` };
      expect(await deliver(message, { env }, new Date())).toEqual({ ok: true, status: 200 });
      expect(pd.received[0]).toMatchObject({ path: '/v2/enqueue', key: draft!.key, body: { routing_key: 'R0UTINGKEYsecret42', event_action: 'trigger', dedup_key: 'fp5000000000' } });
      pd.script({ status: 400, body: 'invalid routing key R0UTINGKEYsecret42' });
      const failed = await deliver(message, { env }, new Date());
      expect(failed.ok).toBe(false);
      expect(!failed.ok && failed.error).toMatch(/^PagerDuty answered HTTP 400/);
      expect(JSON.stringify(failed)).not.toContain('R0UTINGKEYsecret42');
      expect(await deliver(message, { env: {} }, new Date())).toMatchObject({ ok: false, error: '$DRIFTWATCH_PAGERDUTY_ROUTING_KEY is not set: no routing key to deliver to' });
    } finally {
      await pd.close();
    }
  });
});
