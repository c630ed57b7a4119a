// More of the behaviour every HistoryStore must have: findings' stories (the audit trail), drifts and their messages in
// one transaction, paging, retention into daily rows, sizes. Run on SQLite and PostgreSQL by each backend's test.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SampleOutcome } from '../../src/core/model.js';
import type { HistoryStore, OutboxDraft } from '../../src/store/history-store.js';
import { at, makeChange, type StoreHandle } from './store-contract.js';

const scope = (endpoint = 'list-invoices', source = 'snapshot') => ({ observed: [{ connector: 'billing', endpoint, source }] });

function sample(endpoint: string, takenAt: string, latencyMs: number, failure?: string): SampleOutcome {
  if (failure) {
    return { ok: false, failure: { connector: 'billing', endpoint, kind: failure as 'timeout', message: 'x', latencyMs, attempts: 1, takenAt } };
  }
  return {
    ok: true,
    sample: { connector: 'billing', endpoint, method: 'GET', url: 'http://127.0.0.1/x', status: 200, contentType: 'application/json', headers: {}, latencyMs, sizeBytes: 10, bodyHash: 'h', body: null, takenAt, attempts: 1 },
  };
}

export function describeStoreContractMore(name: string, makeStore: () => Promise<StoreHandle>): void {
  describe(`HistoryStore contract (stories, transactions, paging, retention): ${name}`, () => {
    let handle: StoreHandle;
    let store: HistoryStore;

    beforeEach(async () => {
      handle = await makeStore();
      store = handle.store;
    });
    afterEach(async () => {
      await store.close();
      await handle.cleanup();
    });

    const story = async (fingerprint: string) =>
      ((await store.storyOf(fingerprint))?.events ?? []).map((e) => [e.kind, e.actor, e.note, e.runId]);

    it("tells a finding's whole story: every change of status with time, actor and note, by fingerprint or id", async () => {
      const change = makeChange();
      const r1 = await store.startRun('scan', ['billing'], at(0));
      const [opened] = await store.recordChanges(r1.id, [change], scope(), at(1));
      // Seen again, nothing new: no line. Seen by the spec too: evidence added. Worse: escalated.
      await store.recordChanges(r1.id, [change], scope(), at(2));
      const both = { ...change, evidence: [...change.evidence, { source: 'spec' as const, message: 'spec says so', where: 'GET /v1/invoices' }] };
      await store.recordChanges(r1.id, [both], scope(), at(3));
      await store.acknowledgeDrift(change.fingerprint, 'vendor v2; BILL-42', at(4), 'dana@example.com');
      const r2 = await store.startRun('scan', ['billing'], at(10));
      await store.recordChanges(r2.id, [], { observed: [...scope().observed, ...scope('list-invoices', 'spec').observed] }, at(11));
      await store.acknowledgeDrift(change.fingerprint, 'fixed in connector 1.4', at(12), 'lee@example.com');
      const r3 = await store.startRun('scan', ['billing'], at(20));
      await store.recordChanges(r3.id, [change], scope(), at(21));
      await store.ignoreDrift(change.fingerprint, 'ignored by dana until 2026-03-01: known', at(22), 'dana@example.com');
      expect(await store.acceptDrifts('billing', 'list-invoices', at(23), 'sam@example.com')).toBe(1);

      expect(await story(change.fingerprint)).toEqual([
        ['opened', 'driftwatch', change.message, r1.id],
        ['evidence-added', 'driftwatch', 'spec (GET /v1/invoices)', r1.id],
        ['acknowledged', 'dana@example.com', 'vendor v2; BILL-42', null],
        ['resolved', 'driftwatch', null, r2.id],
        ['noted', 'lee@example.com', 'fixed in connector 1.4', null],
        ['reopened', 'driftwatch', change.message, r3.id],
        ['ignored', 'dana@example.com', 'ignored by dana until 2026-03-01: known', null],
        ['accepted', 'sam@example.com', null, null],
      ]);
      const byId = await store.storyOf(opened!.drift.id);
      expect(byId?.drift.fingerprint).toBe(change.fingerprint);
      expect(byId?.events.map((e) => e.at)).toEqual([at(1), at(3), at(4), at(11), at(12), at(21), at(22), at(23)]);
      expect(await store.storyOf('no-such-finding')).toBeNull();
      expect((await store.listEvents({ kind: 'opened' })).map((e) => e.fingerprint)).toEqual([change.fingerprint]);
      expect((await store.listEvents({ since: at(20) })).map((e) => e.kind)).toEqual(['reopened', 'ignored', 'accepted']);

      const escalating = makeChange({ path: '$.b', severity: 'warning' });
      await store.recordChanges(r3.id, [escalating], scope(), at(30));
      await store.recordChanges(r3.id, [{ ...escalating, severity: 'breaking' }], scope(), at(31));
      expect((await story(escalating.fingerprint)).map((l) => l[0])).toEqual(['opened', 'escalated']);
    });

    it('writes a run\'s drifts, their story and their messages in one transaction: all of it or none of it', async () => {
      const run = await store.startRun('scan', ['billing'], at(0));
      const compose = (events: readonly { kind: string; drift: { fingerprint: string; connector: string } }[]): OutboxDraft[] =>
        events.map((e) => ({ key: `${e.drift.fingerprint}:${e.kind}:${run.id}`, connector: e.drift.connector, target: 'webhook:HOOK', payload: { kind: e.kind }, createdAt: at(1), nextAttemptAt: at(1), fingerprints: [e.drift.fingerprint] }));
      const boom = () => {
        throw new Error('composer failed half-way');
      };
      await expect(store.recordFindings({ runId: run.id, changes: [makeChange()], scope: scope(), at: at(1), compose: boom })).rejects.toThrow(/half-way/);
      expect(await store.listDrifts()).toEqual([]);
      expect(await store.listEvents()).toEqual([]);
      expect(await store.listOutbox()).toEqual([]);

      const first = await store.recordFindings({ runId: run.id, changes: [makeChange(), makeChange({ path: '$.b' })], scope: scope(), at: at(1), compose });
      expect(first.events.map((e) => e.kind)).toEqual(['opened', 'opened']);
      expect(first.enqueued.map((m) => m.key)).toEqual((await store.listOutbox()).map((m) => m.key));
      // The same run recorded again (a retry): the drifts are merely seen, no message is added twice.
      const again = await store.recordFindings({ runId: run.id, changes: [makeChange()], scope: { observed: [] }, at: at(2), compose: (events) => compose(events).concat(first.enqueued) });
      expect(again.enqueued.filter((m) => first.enqueued.some((f) => f.key === m.key))).toEqual([]);
      expect(await store.listOutbox()).toHaveLength(3);

      // Delivered: the findings it told of get `notified`, once, whoever marks it again.
      const [claimed] = await store.claimDue(at(3), at(4), 1);
      await store.markDelivered(claimed!.id, at(3));
      await store.markDelivered(claimed!.id, at(5));
      const notified = await store.listEvents({ kind: 'notified' });
      expect(notified.map((e) => [e.fingerprint, e.note, e.at])).toEqual([[makeChange().fingerprint, 'webhook:HOOK', at(3)]]);
    });

    it('pages drifts newest sighting first, by id or by time, without gaps or repeats', async () => {
      const run = await store.startRun('scan', ['billing'], at(0));
      for (let i = 0; i < 7; i++) await store.recordChanges(run.id, [makeChange({ path: `$.f${i}` })], { observed: [] }, at(i < 4 ? 1 : 2 + i));
      const all = (await store.listDrifts()).map((d) => d.path);
      const pages: string[][] = [];
      let before: { id: number } | undefined;
      for (;;) {
        const page = await store.listDrifts({ limit: 3, ...(before ? { before } : {}) });
        if (page.length === 0) break;
        pages.push(page.map((d) => d.path));
        before = { id: page.at(-1)!.id };
      }
      expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual(all);
      expect((await store.listDrifts({ before: { at: at(2 + 5) } })).map((d) => d.path)).toEqual(['$.f4', '$.f3', '$.f2', '$.f1', '$.f0']);
      expect(await store.listDrifts({ before: { id: 999_999 } })).toEqual([]);
    });

    it('folds whole days past the retention into daily rows, oldest first, bounded per call, and keeps the rest', async () => {
      const run = await store.startRun('scan', ['billing'], at(0));
      const day1 = [10, 20, 30, 40, 1000].map((ms, i) => sample('list-invoices', `2025-10-01T0${i}:00:00.000Z`, ms));
      day1.push(sample('list-invoices', '2025-10-01T09:00:00.000Z', 5000, 'timeout'), sample('get-customer', '2025-10-01T10:00:00.000Z', 7, 'auth-rejected'));
      const day2 = [sample('list-invoices', '2025-10-02T01:00:00.000Z', 50)];
      const recent = [sample('list-invoices', '2025-12-31T23:00:00.000Z', 60), sample('list-invoices', '2026-01-01T00:10:00.000Z', 70)];
      await store.recordSamples(run.id, [...recent, ...day2, ...day1]);

      // A budget of 1 sample: one day per call at least, then stop.
      expect(await store.compactSamples(at(60), { budget: 1 })).toEqual({ days: ['2025-10-01'], samples: 7 });
      expect(await store.compactSamples(at(60))).toEqual({ days: ['2025-10-02', '2025-12-31'], samples: 2 });
      expect(await store.compactSamples(at(60))).toEqual({ days: [], samples: 0 });
      expect((await store.listSamples({})).map((s) => s.takenAt)).toEqual(['2026-01-01T00:10:00.000Z']);
      expect(await store.listSampleDays({ since: '2025-10-02T15:00:00.000Z' })).toHaveLength(2);
      expect(await store.listSampleDays({ connector: 'billing', endpoint: 'list-invoices' })).toEqual([
        { connector: 'billing', endpoint: 'list-invoices', day: '2025-10-01', samples: 6, ok: 5, failures: { timeout: 1 }, p50: 30, p95: 1000 },
        { connector: 'billing', endpoint: 'list-invoices', day: '2025-10-02', samples: 1, ok: 1, failures: {}, p50: 50, p95: 50 },
        { connector: 'billing', endpoint: 'list-invoices', day: '2025-12-31', samples: 1, ok: 1, failures: {}, p50: 60, p95: 60 },
      ]);
      expect(await store.listSampleDays({ endpoint: 'get-customer' })).toEqual([
        { connector: 'billing', endpoint: 'get-customer', day: '2025-10-01', samples: 1, ok: 0, failures: { 'auth-rejected': 1 }, p50: null, p95: null },
      ]);

      // A late sample for a day already folded is merged into its row.
      await store.recordSamples(run.id, [sample('list-invoices', '2025-10-02T20:00:00.000Z', 50, 'connection')]);
      await store.compactSamples(at(60));
      expect((await store.listSampleDays({ since: '2025-10-02T00:00:00.000Z', endpoint: 'list-invoices' }))[0]).toMatchObject({ day: '2025-10-02', samples: 2, ok: 1, failures: { connection: 1 }, p50: 50 });
    });

    it('reports rows and bytes per table, the oldest sample and drifts by status', async () => {
      const run = await store.startRun('scan', ['billing'], at(0));
      await store.recordSamples(run.id, [sample('list-invoices', at(1), 10), sample('list-invoices', at(2), 20)]);
      await store.recordChanges(run.id, [makeChange(), makeChange({ path: '$.b' })], scope(), at(3));
      await store.acknowledgeDrift(makeChange().fingerprint, undefined, at(4));
      const stats = await store.stats();
      expect(stats.kind).toBe(store.kind);
      const rows = Object.fromEntries(stats.tables.map((t) => [t.table, t.rows]));
      expect(rows).toMatchObject({ runs: 1, samples: 2, drifts: 2, events: 3, outbox: 0, sample_days: 0 });
      expect(stats.tables.find((t) => t.table === 'samples')!.bytes).toBeGreaterThan(0);
      expect(stats.totalBytes).toBeGreaterThanOrEqual(stats.tables.reduce((n, t) => n + t.bytes, 0));
      expect(stats.oldestSample).toBe(at(1));
      expect(stats.oldestDay).toBeNull();
      expect(stats.drifts).toEqual({ open: 1, acknowledged: 1, accepted: 0, resolved: 0 });
    });
  });
}
