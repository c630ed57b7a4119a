// The Block Kit builder: what each event becomes, what is left out, and that vendor text cannot inject mrkdwn.
import { describe, expect, it } from 'vitest';
import { buildNotification, buildSlackMessage, escapeMrkdwn } from '../../src/notify/build-message.js';
import { emptyRegistry, resolveOwnership } from '../../src/core/ownership.js';
import type { DriftEvent, DriftEventKind, DriftRecord } from '../../src/store/history-store.js';
import { registry, testConnector } from '../owners/rule-table.js';
import { visibleText } from './slack-receiver.js';

let nextId = 1;
function event(kind: DriftEventKind, over: Partial<DriftRecord> = {}): DriftEvent {
  const id = nextId++;
  return {
    kind,
    drift: {
      id,
      fingerprint: `fp${id}`.padEnd(12, '0'),
      connector: 'billing',
      endpoint: 'list-invoices',
      rule: 'response-property-type-changed',
      path: `$.data[*].f${id}`,
      severity: 'breaking',
      source: 'snapshot',
      message: `field f${id} changed type`,
      evidence: [{ source: 'snapshot', message: `field f${id} changed type` }],
      before: 'integer',
      after: 'string',
      status: kind === 'resolved' ? 'resolved' : 'open',
      pinned: null,
      suppressed: false,
      firstSeenRun: 1,
      firstSeenAt: '2026-11-20T03:00:00.000Z',
      lastSeenRun: 2,
      lastSeenAt: '2026-11-23T03:00:00.000Z',
      resolvedAt: null,
      note: null,
      ...over,
    },
  };
}

const connector = testConnector();
const ownership = resolveOwnership(connector, registry());
const build = (events: DriftEvent[]) => buildNotification({ connector, ownership, events, runId: 9 });

describe('buildNotification / buildSlackMessage', () => {
  it('is null when nothing is news: seen and suppressed drifts send nothing', () => {
    expect(build([event('seen'), event('opened', { suppressed: true })])).toBeNull();
  });

  it('orders breaking first, resolved last, and counts them', () => {
    const n = build([event('resolved'), event('opened', { severity: 'info' }), event('escalated'), event('reopened', { severity: 'warning' })])!;
    expect(n.changes.map((c) => [c.event, c.severity])).toEqual([
      ['escalated', 'breaking'],
      ['reopened', 'warning'],
      ['opened', 'info'],
      ['resolved', 'breaking'],
    ]);
    expect(n.summary).toEqual({ breaking: 1, warning: 1, info: 1, resolved: 1 });
    expect(buildSlackMessage(n).text).toBe('billing (Ledgerly): 1 breaking, 1 warning, 1 info drift, 1 resolved (owner <@U024DANA>)');
  });

  it('says whether a contract pins the field, only when known', () => {
    const text = visibleText(buildSlackMessage(build([event('opened', { pinned: true }), event('opened', { pinned: false }), event('opened')])!));
    expect(text).toContain('pinned by a consumer contract');
    expect(text).toContain('not pinned by any contract');
    expect(text.match(/pinned/g)).toHaveLength(2);
  });

  it('escapes vendor text so it cannot become a link or a mention', () => {
    const text = visibleText(buildSlackMessage(build([event('opened', { after: '<!channel> & <https://evil|x>', message: 'new value <@U999>' })])!));
    expect(text).toContain('&lt;!channel&gt; &amp; &lt;https://evil|x&gt;');
    expect(text).toContain('new value &lt;@U999&gt;');
    expect(text).not.toContain('<!channel>');
    expect(escapeMrkdwn('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
  });

  it('a resolved-only message is a short follow-up without the action list', () => {
    const message = buildSlackMessage(build([event('resolved')])!);
    const text = visibleText(message);
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Drift resolved on billing (Ledgerly)', emoji: true } });
    expect(text).toContain(':white_check_mark: *resolved*');
    expect(text).not.toContain('Next action');
  });

  it('stays within Slack limits with many changes and points to the rest', () => {
    const message = buildSlackMessage(build(Array.from({ length: 60 }, () => event('opened')))!);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(visibleText(message)).toContain('…and 35 more: `driftwatch history --connector billing`');
    for (const block of message.blocks) if (block.type === 'section') expect(block.text.text.length).toBeLessThanOrEqual(3000);
  });

  it('next actions follow the findings: auth, ownership, schema', () => {
    const n = build([
      event('opened', { rule: 'auth-rejected', source: 'auth', endpoint: 'list-invoices', path: 'auth' }),
      event('escalated', { rule: 'credential-expiring', source: 'auth', endpoint: '*', path: 'auth.LEDGERLY_API_KEY', after: '2026-11-21T00:00:00.000Z' }),
      event('opened', { rule: 'owner-inactive', source: 'ownership', endpoint: '*', path: 'owner', severity: 'warning' }),
    ])!;
    expect(n.nextActions.join('\n')).toContain('Rotate the credential $LEDGERLY_API_KEY before 2026-11-21');
    expect(n.nextActions.join('\n')).toContain('contracts/owners.yaml');
    expect(n.nextActions.join('\n')).not.toContain('driftwatch accept');
  });

  it('without a registry the owner is named by handle, and a missing runbook is said plainly', () => {
    const bare = testConnector({ runbook: undefined, owner: { name: 'Sam Hill', slack: '@sam' } });
    const n = buildNotification({ connector: bare, ownership: resolveOwnership(bare, emptyRegistry()), events: [event('opened')], runId: 1 })!;
    const text = visibleText(buildSlackMessage(n));
    expect(text).toContain('*Owner:* @sam');
    expect(text).toContain('none recorded');
  });
});
