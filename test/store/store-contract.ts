// The behaviour every HistoryStore must have, run against a real backing store by each implementation's test.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonValue, Finding, SampleOutcome, Severity } from '../../src/core/model.js';
import type { HistoryStore, RunScope } from '../../src/store/history-store.js';

export interface StoreHandle {
  store: HistoryStore;
  cleanup(): Promise<void>;
  /** Opens another instance on the same data: a second process, or the same one after a restart. */
  reopen(): Promise<HistoryStore>;
  /** Everything the backing store holds, as text (file bytes, or every row): for "never stored" checks. */
  dump(): Promise<string>;
}

const BASE = Date.UTC(2026, 0, 1);
/** An ISO time `minutes` after a fixed origin. */
export function at(minutes: number): string {
  return new Date(BASE + minutes * 60_000).toISOString();
}

export function makeChange(overrides: Partial<Finding> & { rule?: string; path?: string } = {}): Finding {
  const connector = overrides.connector ?? 'billing';
  const endpoint = overrides.endpoint ?? 'list-invoices';
  const rule = overrides.rule ?? 'field-removed';
  const path = overrides.path ?? '$.data[*].amount_due';
  return {
    connector,
    endpoint,
    rule,
    path,
    severity: 'breaking',
    before: { type: 'integer' },
    after: null,
    message: `${path} disappeared`,
    evidence: [{ source: 'snapshot', message: 'm' }],
    fingerprint: `${connector}|${endpoint}|${rule}|${path}`,
    ...overrides,
  };
}

function scopeOf(...triples: Array<[string, string, string?]>): RunScope {
  return { observed: triples.map(([connector, endpoint, source]) => ({ connector, endpoint, source: source ?? 'snapshot' })) };
}

const SECRET_MARKER = 'sk_live_BODYSECRET_7f3a9c';

function okSample(connector: string, endpoint: string, minutes: number): SampleOutcome {
  return {
    ok: true,
    sample: {
      connector,
      endpoint,
      method: 'GET',
      url: `http://127.0.0.1/v1/${endpoint}`,
      status: 200,
      contentType: 'application/json',
      headers: { 'content-type': 'application/json' },
      latencyMs: 12.5,
      sizeBytes: 321,
      bodyHash: 'a'.repeat(64),
      body: { data: [{ id: 'in_1', customer_secret: SECRET_MARKER }] },
      takenAt: at(minutes),
      attempts: 1,
    },
  };
}

export function describeStoreContract(name: string, makeStore: () => Promise<StoreHandle>): void {
  describe(`HistoryStore contract: ${name}`, () => {
    let handle: StoreHandle;
    let store: HistoryStore;
    const extra: HistoryStore[] = [];

    beforeEach(async () => {
      handle = await makeStore();
      store = handle.store;
    });
    afterEach(async () => {
      for (const s of extra.splice(0)) await s.close();
      await store.close();
      await handle.cleanup();
    });

    async function another(): Promise<HistoryStore> {
      const s = await handle.reopen();
      extra.push(s);
      return s;
    }

    describe('runs', () => {
      it('starts runs unfinished, finishes them with a summary, and lists the unfinished ones oldest first', async () => {
        const r1 = await store.startRun('scan', ['billing', 'crm'], at(0));
        const r2 = await store.startRun('verify', [], at(1));
        const r3 = await store.startRun('scan', ['billing'], at(2));
        expect(r1).toMatchObject({ kind: 'scan', startedAt: at(0), finished: false, finishedAt: null, summary: null });
        expect(r1.connectors).toEqual(['billing', 'crm']);
        expect(r2.id).toBeGreaterThan(r1.id);

        await store.finishRun(r2.id, { breaking: 1, warning: 2, info: 3, errors: 4 }, at(5));
        const unfinished = await store.unfinishedRuns();
        expect(unfinished.map((r) => r.id)).toEqual([r1.id, r3.id]);

        const runs = await store.listRuns();
        expect(runs.map((r) => r.id)).toEqual([r3.id, r2.id, r1.id]);
        const finished = runs.find((r) => r.id === r2.id);
        expect(finished).toMatchObject({
          kind: 'verify',
          finished: true,
          finishedAt: at(5),
          summary: { breaking: 1, warning: 2, info: 3, errors: 4 },
        });
        expect(await store.listRuns(1)).toHaveLength(1);
      });

      it('keeps an unfinished run listed after the store is reopened (a killed scan)', async () => {
        const run = await store.startRun('scan', ['billing'], at(0));
        await store.close();
        store = await handle.reopen();
        expect((await store.unfinishedRuns()).map((r) => r.id)).toEqual([run.id]);
      });
    });

    describe('samples', () => {
      it('records successes and failures with status, latency, size, hash and error class', async () => {
        const run = await store.startRun('scan', ['billing'], at(0));
        const failure: SampleOutcome = {
          ok: false,
          failure: {
            connector: 'billing',
            endpoint: 'get-customer',
            kind: 'auth-rejected',
            message: `401 from vendor for token ${SECRET_MARKER}`,
            status: 401,
            latencyMs: 40,
            attempts: 1,
            takenAt: at(2),
          },
        };
        await store.recordSamples(run.id, [okSample('billing', 'list-invoices', 1), failure, okSample('crm', 'list-contacts', 3)]);

        const billing = await store.listSamples({ connector: 'billing' });
        expect(billing).toEqual([
          {
            runId: run.id,
            connector: 'billing',
            endpoint: 'list-invoices',
            takenAt: at(1),
            ok: true,
            status: 200,
            latencyMs: 12.5,
            sizeBytes: 321,
            bodyHash: 'a'.repeat(64),
            errorKind: null,
          },
          {
            runId: run.id,
            connector: 'billing',
            endpoint: 'get-customer',
            takenAt: at(2),
            ok: false,
            status: 401,
            latencyMs: 40,
            sizeBytes: null,
            bodyHash: null,
            errorKind: 'auth-rejected',
          },
        ]);
        expect(await store.listSamples({ connector: 'billing', endpoint: 'get-customer' })).toHaveLength(1);
        expect((await store.listSamples({ since: at(2) })).map((s) => s.endpoint)).toEqual(['get-customer', 'list-contacts']);
        expect(await store.listSamples({})).toHaveLength(3);
      });

      it('never stores response bodies or failure texts', async () => {
        const run = await store.startRun('scan', ['billing'], at(0));
        await store.recordSamples(run.id, [
          okSample('billing', 'list-invoices', 1),
          {
            ok: false,
            failure: {
              connector: 'billing',
              endpoint: 'x',
              kind: 'http-status',
              message: `vendor said ${SECRET_MARKER}`,
              latencyMs: 1,
              attempts: 1,
              takenAt: at(1),
            },
          },
        ]);
        const dump = await handle.dump();
        expect(dump).toContain('list-invoices'); // the dump does see stored rows
        expect(dump).not.toContain(SECRET_MARKER);
      });
    });

    describe('drifts', () => {
      it('opens a drift, sees it again without a duplicate row, resolves it when absent inside the scope, reopens it', async () => {
        const r1 = await store.startRun('scan', ['billing'], at(0));
        const change = makeChange();
        const scope = scopeOf(['billing', 'list-invoices']);

        const e1 = await store.recordChanges(r1.id, [change], scope, at(1));
        expect(e1.map((e) => e.kind)).toEqual(['opened']);
        expect(e1[0]?.drift).toMatchObject({
          fingerprint: change.fingerprint,
          connector: 'billing',
          endpoint: 'list-invoices',
          rule: 'field-removed',
          path: '$.data[*].amount_due',
          severity: 'breaking',
          source: 'snapshot',
          status: 'open',
          firstSeenRun: r1.id,
          firstSeenAt: at(1),
          lastSeenRun: r1.id,
          lastSeenAt: at(1),
          resolvedAt: null,
          note: null,
          suppressed: false,
        });
        expect(e1[0]?.drift.before).toEqual({ type: 'integer' });
        expect(e1[0]?.drift.after).toBeNull();

        const r2 = await store.startRun('scan', ['billing'], at(10));
        const e2 = await store.recordChanges(r2.id, [{ ...change, message: 'still gone' }], scope, at(11));
        expect(e2.map((e) => e.kind)).toEqual(['seen']);
        expect(e2[0]?.drift).toMatchObject({
          id: e1[0]?.drift.id,
          firstSeenRun: r1.id,
          firstSeenAt: at(1),
          lastSeenRun: r2.id,
          lastSeenAt: at(11),
          message: 'still gone',
          status: 'open',
        });
        expect(await store.listDrifts()).toHaveLength(1);

        const r3 = await store.startRun('scan', ['billing'], at(20));
        const e3 = await store.recordChanges(r3.id, [], scope, at(21));
        expect(e3.map((e) => e.kind)).toEqual(['resolved']);
        expect(e3[0]?.drift).toMatchObject({ status: 'resolved', resolvedAt: at(21), lastSeenRun: r2.id });

        // Not seen and already resolved: nothing more happens.
        const r4 = await store.startRun('scan', ['billing'], at(30));
        expect(await store.recordChanges(r4.id, [], scope, at(31))).toEqual([]);

        const r5 = await store.startRun('scan', ['billing'], at(40));
        const e5 = await store.recordChanges(r5.id, [change], scope, at(41));
        expect(e5.map((e) => e.kind)).toEqual(['reopened']);
        expect(e5[0]?.drift).toMatchObject({
          id: e1[0]?.drift.id,
          status: 'open',
          resolvedAt: null,
          firstSeenRun: r1.id,
          lastSeenRun: r5.id,
        });
        const all = await store.listDrifts();
        expect(all).toHaveLength(1);
        expect(all[0]).toEqual(e5[0]?.drift);
      });

      it('leaves drifts outside the observed scope alone (a vendor outage resolves nothing)', async () => {
        const r1 = await store.startRun('scan', ['billing'], at(0));
        const invoices = makeChange();
        const customer = makeChange({ endpoint: 'get-customer' });
        const fromSpec = makeChange({ rule: 'spec-field-removed', evidence: [{ source: 'spec', message: 'm' }] });
        const other = makeChange({ connector: 'crm', endpoint: 'list-invoices' });
        await store.recordChanges(
          r1.id,
          [invoices, customer, fromSpec, other],
          scopeOf(['billing', 'list-invoices'], ['billing', 'get-customer'], ['billing', 'list-invoices', 'spec'], ['crm', 'list-invoices']),
          at(1),
        );

        const r2 = await store.startRun('scan', ['billing'], at(10));
        // Only billing/list-invoices answered from the snapshot check this time.
        const events = await store.recordChanges(r2.id, [], scopeOf(['billing', 'list-invoices']), at(11));
        expect(events.map((e) => [e.kind, e.drift.fingerprint])).toEqual([['resolved', invoices.fingerprint]]);

        const stillOpen = await store.listDrifts({ status: 'open' });
        expect(stillOpen.map((d) => d.fingerprint).sort()).toEqual(
          [customer.fingerprint, fromSpec.fingerprint, other.fingerprint].sort(),
        );

        const r3 = await store.startRun('scan', [], at(20));
        expect(await store.recordChanges(r3.id, [], { observed: [] }, at(21))).toEqual([]);
        expect(await store.listDrifts({ status: 'open' })).toHaveLength(3);
      });

      it('reports an escalation when the severity gets worse, and a plain sighting when it eases', async () => {
        const r1 = await store.startRun('scan', ['billing'], at(0));
        const scope = scopeOf(['billing', 'list-invoices']);
        const info = makeChange({ severity: 'info' });
        const steps: Array<[Severity, string]> = [
          ['info', 'opened'],
          ['warning', 'escalated'],
          ['warning', 'seen'],
          ['breaking', 'escalated'],
          ['info', 'seen'],
        ];
        let minute = 1;
        for (const [severity, kind] of steps) {
          const events = await store.recordChanges(r1.id, [{ ...info, severity }], scope, at(minute++));
          expect(events.map((e) => [e.kind, e.drift.severity])).toEqual([[kind, severity]]);
        }
        expect(await store.listDrifts()).toHaveLength(1);
      });

      it('accepts an endpoint\'s open drifts; an accepted drift stays accepted while its after-value holds', async () => {
        const r1 = await store.startRun('scan', ['billing'], at(0));
        const typeChange = makeChange({
          rule: 'type-changed',
          path: '$.total',
          before: 'integer',
          after: { type: 'string', format: 'decimal', nullable: false },
        });
        const other = makeChange({ endpoint: 'get-customer' });
        const scope = scopeOf(['billing', 'list-invoices'], ['billing', 'get-customer']);
        await store.recordChanges(r1.id, [typeChange, other], scope, at(1));

        expect(await store.acceptDrifts('billing', 'list-invoices', at(2))).toBe(1);
        expect((await store.getDrift(typeChange.fingerprint))?.status).toBe('accepted');
        expect((await store.getDrift(other.fingerprint))?.status).toBe('open');
        expect(await store.acceptDrifts('billing', 'list-invoices', at(3))).toBe(0);

        // Same after-value, keys in another order: still the accepted change.
        const sameAfter = { ...typeChange, after: { nullable: false, format: 'decimal', type: 'string' } };
        const r2 = await store.startRun('scan', ['billing'], at(10));
        const seen = await store.recordChanges(r2.id, [sameAfter, other], scope, at(11));
        expect(seen.map((e) => [e.kind, e.drift.status])).toEqual([
          ['seen', 'accepted'],
          ['seen', 'open'],
        ]);
        expect(seen[0]?.drift.lastSeenRun).toBe(r2.id);

        // An accepted drift no longer seen is not "resolved": acceptance is a decision, not an incident.
        const r3 = await store.startRun('scan', ['billing'], at(20));
        const quiet = await store.recordChanges(r3.id, [other], scope, at(21));
        expect(quiet.map((e) => e.kind)).toEqual(['seen']);
        expect((await store.getDrift(typeChange.fingerprint))?.status).toBe('accepted');

        const r4 = await store.startRun('scan', ['billing'], at(30));
        const moved = await store.recordChanges(r4.id, [{ ...typeChange, after: { type: 'number' } }, other], scope, at(31));
        expect(moved.map((e) => [e.kind, e.drift.status])).toEqual([
          ['reopened', 'open'],
          ['seen', 'open'],
        ]);
        expect(moved[0]?.drift.after).toEqual({ type: 'number' });

        // Without an endpoint: every live drift of the connector, and only that connector.
        await store.recordChanges(r4.id, [makeChange({ connector: 'crm' })], scopeOf(['crm', 'list-invoices']), at(32));
        expect(await store.acceptDrifts('billing', undefined, at(33))).toBe(2);
        expect((await store.listDrifts({ status: 'accepted' })).map((d) => d.connector)).toEqual(['billing', 'billing']);
        expect((await store.listDrifts({ connector: 'crm' }))[0]?.status).toBe('open');
      });

      it('accept leaves contract drifts open: accepting what the vendor sends does not fix a broken contract', async () => {
        const r1 = await store.startRun('scan', ['billing'], at(0));
        const shape = makeChange();
        const contract = makeChange({ rule: 'pact-expectation-violated', evidence: [{ source: 'pact', message: 'm' }] });
        await store.recordChanges(r1.id, [shape, contract], { observed: [] }, at(1));
        expect(await store.acceptDrifts('billing', 'list-invoices', at(2))).toBe(1);
        expect((await store.getDrift(shape.fingerprint))?.status).toBe('accepted');
        expect((await store.getDrift(contract.fingerprint))?.status).toBe('open');
      });

      it('acknowledges a drift with a root-cause note that survives later sightings and resolution', async () => {
        const r1 = await store.startRun('scan', ['billing'], at(0));
        const change = makeChange();
        const scope = scopeOf(['billing', 'list-invoices']);
        const [opened] = await store.recordChanges(r1.id, [change], scope, at(1));
        if (!opened) throw new Error('no event');

        const acked = await store.acknowledgeDrift(opened.drift.id, 'vendor v2 rollout; ticket BILL-42', at(2));
        expect(acked).toMatchObject({ id: opened.drift.id, status: 'acknowledged', note: 'vendor v2 rollout; ticket BILL-42' });
        expect(await store.getDrift(change.fingerprint)).toEqual(acked);
        expect(await store.getDrift(opened.drift.id)).toEqual(acked);

        // Acknowledging again without a note keeps the note.
        expect((await store.acknowledgeDrift(change.fingerprint, undefined, at(3)))?.note).toBe('vendor v2 rollout; ticket BILL-42');

        const r2 = await store.startRun('scan', ['billing'], at(10));
        const [again] = await store.recordChanges(r2.id, [change], scope, at(11));
        expect(again).toMatchObject({ kind: 'seen', drift: { status: 'acknowledged', note: 'vendor v2 rollout; ticket BILL-42' } });

        const r3 = await store.startRun('scan', ['billing'], at(20));
        const [gone] = await store.recordChanges(r3.id, [], scope, at(21));
        expect(gone).toMatchObject({ kind: 'resolved', drift: { status: 'resolved', note: 'vendor v2 rollout; ticket BILL-42' } });

        // A note may be added to a resolved drift (a post-mortem) without reviving it.
        const post = await store.acknowledgeDrift(change.fingerprint, 'fixed in connector 1.4', at(22));
        expect(post).toMatchObject({ status: 'resolved', note: 'fixed in connector 1.4' });

        expect(await store.acknowledgeDrift(999_999, 'nobody', at(23))).toBeNull();
        expect(await store.acknowledgeDrift('no-such-fingerprint', 'nobody', at(23))).toBeNull();
        expect(await store.getDrift('no-such-fingerprint')).toBeNull();
      });

      it('stores suppressed and pinned flags and round-trips before/after JSON values', async () => {
        const r1 = await store.startRun('scan', ['billing'], at(0));
        const values: Array<[JsonValue | undefined, JsonValue | undefined]> = [
          [undefined, 'added'],
          [['a', 'b'], ['a', 'b', 'c']],
          [3.5, null],
          [{ nested: { deep: [1, { x: true }] } }, undefined],
        ];
        const changes = values.map(([before, after], i) =>
          makeChange({
            path: `$.f${i}`,
            before,
            after,
            pinned: i === 0 ? true : i === 1 ? false : undefined,
            suppressed: i === 2 ? { reason: 'known, vendor ticket 123', expires: '2027-01-01' } : undefined,
          }),
        );
        await store.recordChanges(r1.id, changes, scopeOf(['billing', 'list-invoices']), at(1));
        for (const [i, [before, after]] of values.entries()) {
          const drift = await store.getDrift(changes[i]?.fingerprint ?? '');
          expect(drift?.before).toEqual(before);
          expect(drift?.after).toEqual(after);
          expect(drift?.pinned).toBe(i === 0 ? true : i === 1 ? false : null);
          expect(drift?.suppressed).toBe(i === 2);
        }
      });

      it('a suppressed drift whose ignore entry expired is reopened (its owner hears again); becoming suppressed is only seen', async () => {
        const ignored = { reason: 'vendor ticket 123', expires: '2026-01-02' };
        const record = async (minutes: number, change: Finding, status?: 'acknowledge') => {
          const run = await store.startRun('scan', ['billing'], at(minutes));
          const events = await store.recordChanges(run.id, [change], scopeOf(['billing', 'list-invoices']), at(minutes + 1));
          if (status) await store.acknowledgeDrift(change.fingerprint, 'ignored by dana until 2026-01-02: vendor ticket 123', at(minutes + 2));
          return events.map((e) => [e.kind, e.drift.suppressed, e.drift.status]);
        };
        const live = makeChange({ severity: 'warning' });
        const quiet = { ...live, suppressed: ignored };
        expect(await record(0, quiet, 'acknowledge')).toEqual([['opened', true, 'open']]);
        expect(await record(10, quiet)).toEqual([['seen', true, 'acknowledged']]);
        // The entry expired: the drift counts again, and that is news.
        expect(await record(20, live)).toEqual([['reopened', false, 'acknowledged']]);
        expect(await record(30, live)).toEqual([['seen', false, 'acknowledged']]);
        // Ignored again, even while getting worse: seen, nobody is paged for a suppressed drift.
        expect(await record(40, { ...quiet, severity: 'breaking' })).toEqual([['seen', true, 'acknowledged']]);
        const drift = await store.getDrift(live.fingerprint);
        expect(drift).toMatchObject({ suppressed: true, severity: 'breaking', note: 'ignored by dana until 2026-01-02: vendor ticket 123' });
      });

      it('reports each fingerprint once per run even when a change is listed twice', async () => {
        const r1 = await store.startRun('scan', ['billing'], at(0));
        const change = makeChange();
        const events = await store.recordChanges(r1.id, [change, { ...change }], scopeOf(['billing', 'list-invoices']), at(1));
        expect(events.map((e) => e.kind)).toEqual(['opened']);
      });

      it('filters drifts by connector, endpoint, rule and status, newest sighting first, with a limit', async () => {
        const r1 = await store.startRun('scan', [], at(0));
        await store.recordChanges(r1.id, [makeChange({ path: '$.a' })], { observed: [] }, at(1));
        await store.recordChanges(r1.id, [makeChange({ path: '$.b', rule: 'enum-value-added' })], { observed: [] }, at(2));
        await store.recordChanges(r1.id, [makeChange({ connector: 'crm', path: '$.c' })], { observed: [] }, at(3));
        await store.recordChanges(r1.id, [makeChange({ endpoint: 'get-customer', path: '$.d' })], { observed: [] }, at(4));

        expect((await store.listDrifts()).map((d) => d.path)).toEqual(['$.d', '$.c', '$.b', '$.a']);
        expect((await store.listDrifts({ connector: 'billing' })).map((d) => d.path)).toEqual(['$.d', '$.b', '$.a']);
        expect((await store.listDrifts({ connector: 'billing', endpoint: 'list-invoices' })).map((d) => d.path)).toEqual(['$.b', '$.a']);
        expect((await store.listDrifts({ rule: 'enum-value-added' })).map((d) => d.path)).toEqual(['$.b']);
        expect(await store.listDrifts({ status: 'resolved' })).toEqual([]);
        expect((await store.listDrifts({ limit: 2 })).map((d) => d.path)).toEqual(['$.d', '$.c']);
      });

      it('never duplicates a drift when two store instances record the same changes at once', async () => {
        const second = await another();
        const changes = Array.from({ length: 20 }, (_, i) => makeChange({ path: `$.field_${i}` }));
        const scope = scopeOf(['billing', 'list-invoices']);
        const runA = await store.startRun('scan', ['billing'], at(0));
        const runB = await second.startRun('scan', ['billing'], at(0));
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            (i % 2 === 0 ? store : second).recordChanges(i % 2 === 0 ? runA.id : runB.id, changes, scope, at(1 + i)),
          ),
        );
        const drifts = await store.listDrifts();
        expect(drifts).toHaveLength(20);
        expect(new Set(drifts.map((d) => d.fingerprint)).size).toBe(20);
        const opened = results.flat().filter((e) => e.kind === 'opened');
        expect(opened).toHaveLength(20);
      });
    });

    describe('outbox', () => {
      const message = (key: string, minutes: number) => ({
        key,
        connector: 'billing',
        target: '#billing-alerts',
        payload: { text: `drift ${key}`, blocks: [{ type: 'section' }] },
        createdAt: at(minutes),
        nextAttemptAt: at(minutes),
      });

      it('enqueues once per idempotency key', async () => {
        expect(await store.enqueue(message('fp1:opened', 0))).toBe(true);
        expect(await store.enqueue({ ...message('fp1:opened', 5), payload: { text: 'other' } })).toBe(false);
        const all = await store.listOutbox();
        expect(all).toHaveLength(1);
        expect(all[0]).toMatchObject({
          key: 'fp1:opened',
          connector: 'billing',
          target: '#billing-alerts',
          payload: { text: 'drift fp1:opened', blocks: [{ type: 'section' }] },
          createdAt: at(0),
          attempts: 0,
          nextAttemptAt: at(0),
          deliveredAt: null,
          lastError: null,
        });
      });

      it('claims due messages oldest first under a lease that a second claim cannot take', async () => {
        await store.enqueue(message('m2', 2));
        await store.enqueue(message('m1', 1));
        await store.enqueue(message('later', 60));

        const first = await store.claimDue(at(10), at(15));
        expect(first.map((m) => m.key)).toEqual(['m1', 'm2']);
        expect(first.every((m) => m.attempts === 1 && m.nextAttemptAt === at(15))).toBe(true);
        expect(await store.claimDue(at(10), at(15))).toEqual([]);
        expect(await store.claimDue(at(14), at(20))).toEqual([]);

        // A claimer that died: once the lease runs out the message is due again.
        const retaken = await store.claimDue(at(15), at(20), 1);
        expect(retaken.map((m) => [m.key, m.attempts])).toEqual([['m1', 2]]);
      });

      it('keeps a failed delivery with its attempts, error and next attempt, and never claims a delivered one', async () => {
        await store.enqueue(message('m1', 0));
        await store.enqueue(message('m2', 0));
        const [m1, m2] = await store.claimDue(at(1), at(2));
        if (!m1 || !m2) throw new Error('nothing claimed');

        await store.markFailed(m1.id, 'slack answered 500 for https://hooks.slack.com/services/T0/B0/XyzSecretToken', at(30));
        await store.markDelivered(m2.id, at(1));

        const pending = await store.listOutbox({ pending: true });
        expect(pending.map((m) => m.key)).toEqual(['m1']);
        expect(pending[0]).toMatchObject({ attempts: 1, nextAttemptAt: at(30), deliveredAt: null });
        expect(pending[0]?.lastError).toContain('slack answered 500');
        expect(pending[0]?.lastError).not.toContain('XyzSecretToken');
        expect((await store.listOutbox({ pending: false })).map((m) => [m.key, m.deliveredAt])).toEqual([['m2', at(1)]]);

        expect(await store.claimDue(at(29), at(31))).toEqual([]);
        const retry = await store.claimDue(at(30), at(31));
        expect(retry.map((m) => [m.key, m.attempts])).toEqual([['m1', 2]]);
        await store.markDelivered(m1.id, at(30));
        expect(await store.claimDue(at(1000), at(1001))).toEqual([]);
        expect(await store.listOutbox({ pending: true })).toEqual([]);
      });

      it('survives a restart: pending messages, attempts and errors are still there', async () => {
        await store.enqueue(message('m1', 0));
        const [m1] = await store.claimDue(at(1), at(2));
        if (!m1) throw new Error('nothing claimed');
        await store.markFailed(m1.id, 'timeout', at(5));
        await store.close();

        store = await handle.reopen();
        const [kept] = await store.listOutbox({ pending: true });
        expect(kept).toMatchObject({ key: 'm1', attempts: 1, lastError: 'timeout', nextAttemptAt: at(5) });
        expect(await store.enqueue(message('m1', 6))).toBe(false);
        expect((await store.claimDue(at(5), at(6))).map((m) => m.key)).toEqual(['m1']);
      });

      it('never hands the same message to two instances claiming at once', async () => {
        const second = await another();
        for (let i = 0; i < 40; i++) await store.enqueue(message(`m${i}`, 0));
        // Warm both instances up (pooled stores open their connections) so the claims really overlap.
        await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? store : second).listOutbox()));
        const claims = await Promise.all(
          Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? store : second).claimDue(at(1), at(10), 6)),
        );
        const keys = claims.flat().map((m) => m.key);
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys.length).toBe(40);
        expect((await store.listOutbox()).every((m) => m.attempts === 1)).toBe(true);
      });
    });

    describe('leases', () => {
      it('is exclusive between two store instances until it expires, then the other one takes it over', async () => {
        const second = await another();
        expect(await store.acquireLease('watch-slot:billing', 'a', at(10), at(0))).toBe(true);
        expect(await second.acquireLease('watch-slot:billing', 'b', at(10), at(1))).toBe(false);
        expect(await second.acquireLease('watch-slot:billing', 'b', at(20), at(9))).toBe(false);
        // Another name is another lease.
        expect(await second.acquireLease('watch-slot:crm', 'b', at(10), at(1))).toBe(true);
        // Expired means until <= at: at the very instant it lapses, it is free.
        expect(await second.acquireLease('watch-slot:billing', 'b', at(20), at(10))).toBe(true);
        expect(await store.acquireLease('watch-slot:billing', 'a', at(30), at(11))).toBe(false);
      });

      it('renews for its holder, even with an earlier or later until, and keeps others out until the new until', async () => {
        const second = await another();
        expect(await store.acquireLease('exclusive', 'a', at(10), at(0))).toBe(true);
        expect(await store.acquireLease('exclusive', 'a', at(25), at(8))).toBe(true);
        expect(await second.acquireLease('exclusive', 'b', at(30), at(15))).toBe(false);
        expect(await second.acquireLease('exclusive', 'b', at(30), at(24))).toBe(false);
        expect(await second.acquireLease('exclusive', 'b', at(30), at(25))).toBe(true);
        // The old holder renewing after losing it does not take it back.
        expect(await store.acquireLease('exclusive', 'a', at(40), at(26))).toBe(false);
        // A holder whose lease lapsed but was not taken simply gets it again.
        expect(await second.acquireLease('exclusive', 'b', at(50), at(45))).toBe(true);
      });

      it('compares times as instants, whatever offset the ISO text was written with', async () => {
        const second = await another();
        expect(await store.acquireLease('tz', 'a', '2026-01-01T12:00:00+02:00', '2026-01-01T09:00:00Z')).toBe(true);
        // 10:30Z is after 12:00+02:00 (10:00Z): expired, though "10:30" < "12:00" as text.
        expect(await second.acquireLease('tz', 'b', '2026-01-01T11:00:00Z', '2026-01-01T10:30:00Z')).toBe(true);
      });

      it('is released only by its holder, and a released lease is free at once', async () => {
        const second = await another();
        expect(await store.acquireLease('exclusive', 'a', at(60), at(0))).toBe(true);
        await second.releaseLease('exclusive', 'b');
        await second.releaseLease('other-name', 'a');
        expect(await second.acquireLease('exclusive', 'b', at(60), at(1))).toBe(false);
        await store.releaseLease('exclusive', 'a');
        await store.releaseLease('exclusive', 'a');
        expect(await second.acquireLease('exclusive', 'b', at(60), at(2))).toBe(true);
        // A late release by the former holder leaves the new holder's lease alone.
        await store.releaseLease('exclusive', 'a');
        expect(await store.acquireLease('exclusive', 'a', at(60), at(3))).toBe(false);
      });

      it('keeps a held lease across a restart of the store', async () => {
        expect(await store.acquireLease('exclusive', 'a', at(60), at(0))).toBe(true);
        await store.close();
        store = await handle.reopen();
        expect(await store.acquireLease('exclusive', 'b', at(60), at(1))).toBe(false);
        expect(await store.acquireLease('exclusive', 'a', at(70), at(1))).toBe(true);
      });

      it('lets exactly one of many concurrent acquirers win, on a free and on an expired lease', async () => {
        const instances = [store, await another(), await another(), await another()];
        // Warm the instances up (pooled stores open their connections) so the attempts really overlap.
        await Promise.all(instances.map((s) => s.listRuns(1)));
        const race = (name: string, now: number) =>
          Promise.all(
            Array.from({ length: 24 }, (_, i) =>
              instances[i % instances.length]!.acquireLease(name, `holder-${i}`, at(now + 10), at(now)).then((won) => ({ i, won })),
            ),
          );
        for (const name of ['slot-1', 'slot-2', 'slot-3']) {
          const free = await race(name, 0);
          expect(free.filter((r) => r.won)).toHaveLength(1);
          const expired = await race(name, 10);
          const winners = expired.filter((r) => r.won);
          expect(winners).toHaveLength(1);
          // The winner really holds it: every other holder is still refused, the winner renews.
          const winner = winners[0]!.i;
          expect(await store.acquireLease(name, `holder-${(winner + 1) % 24}`, at(30), at(15))).toBe(false);
          expect(await store.acquireLease(name, `holder-${winner}`, at(30), at(15))).toBe(true);
        }
      });
    });
  });
}
