// The Block Kit builder: what each event becomes, what is left out, and that vendor text cannot inject mrkdwn.
import { describe, expect, it } from 'vitest';
import { buildNotification, buildSlackMessage, escapeMrkdwn } from '../../src/notify/build-message.js';
import { routeFor } from '../../src/notify/route.js';
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
    expect(buildSlackMessage(n).text).toBe('1 breaking, 1 warning, 1 info, 1 resolved drift on billing (Ledgerly) (for <@U024DANA>)');
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
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '1 resolved drift on billing (Ledgerly)', emoji: true } });
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

  it('starts the header with the counts: a 150-character header never loses them to a long vendor name', () => {
    const long = testConnector({ vendor: 'An Extraordinarily Long Vendor Name Incorporated International Holdings '.repeat(3) });
    const n = buildNotification({ connector: long, ownership: resolveOwnership(long, registry()), events: [event('opened'), event('opened', { severity: 'warning' })], runId: 3 })!;
    const header = buildSlackMessage(n).blocks[0]!;
    expect(header.type === 'header' && header.text.text.length).toBe(150);
    expect(header.type === 'header' && header.text.text.startsWith('1 breaking, 1 warning drift on billing')).toBe(true);
  });

  it('escapes an owner named `<!channel>` like vendor text, in the blocks and in the fallback text', () => {
    const hostile = testConnector({ owner: { name: '<!channel>' }, vendor: '<!here>' });
    const n = buildNotification({ connector: hostile, ownership: resolveOwnership(hostile, emptyRegistry()), route: routeFor(hostile, emptyRegistry()), events: [event('opened')], runId: 4 })!;
    const message = buildSlackMessage(n);
    // The header is plain_text (Slack never parses it for mentions); everything mrkdwn must be escaped.
    const all = `${message.text}\n${visibleText(message.blocks.slice(1))}`;
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<!here>');
    expect(all).toContain('*To:* &lt;!channel&gt; (owner)');
    expect(message.text).toContain('(for &lt;!channel&gt;)');
  });

  it("says per finding what settles it: a broken contract is not settled by accept, the vendor's own spec is, a plain change if expected", () => {
    const contract = event('opened', { source: 'snapshot,pact', evidence: [{ source: 'snapshot', message: 'm' }, { source: 'pact', message: 'the pact expects an integer', where: 'get invoices' }] });
    const spec = event('opened', { source: 'spec', evidence: [{ source: 'spec', message: 'spec says integer' }] });
    const plain = event('opened');
    const n = build([contract, spec, plain])!;
    const byFp = (fp: string) => n.changes.find((c) => c.fingerprint === fp)!.nextAction!;
    expect(byFp(contract.drift.fingerprint)).toMatch(/consumer contract breaks: `driftwatch accept` will not settle it\. Update the contract/);
    expect(byFp(contract.drift.fingerprint)).toContain(`accept --change ${contract.drift.fingerprint} --reason`);
    expect(byFp(spec.drift.fingerprint)).toMatch(/breaks its own spec: `driftwatch accept --connector billing` settles it while the vendor keeps sending the same/);
    expect(byFp(spec.drift.fingerprint)).toContain(`accept --change ${spec.drift.fingerprint} --reason`);
    expect(byFp(plain.drift.fingerprint)).toMatch(/^If the vendor change is expected: `driftwatch accept --connector billing`/);
    const text = visibleText(buildSlackMessage(n));
    expect(text).toContain('_seen by: live samples · a consumer contract (get invoices)_');
    expect(text).toContain('*Next:* A consumer contract breaks');
  });
});

