// The outbox flush against a real receiver and a real SQLite store: Retry-After, backoff, outages, secrets.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/core/retry-after.js';
import { flushOutbox, retryDelayMs } from '../../src/notify/flush-outbox.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { startSlackReceiver, type SlackReceiver } from './slack-receiver.js';
import { closedPort } from '../helpers/closed-port.js';

const SECRET = 'whsecretpath5150';

describe('flushOutbox', () => {
  let slack: SlackReceiver;
  let dir: string;
  let store: HistoryStore;
  let clock: number;
  const now = () => new Date(clock);
  const sleeps: number[] = [];
  const fakeSleep = async (ms: number) => {
    sleeps.push(ms);
    clock += ms;
  };
  const enqueue = (key: string, target = 'slack:TEAM_HOOK', payload: unknown = { text: `hello ${key}` }) =>
    store.enqueue({ key, connector: 'billing', target, payload, createdAt: now().toISOString(), nextAttemptAt: now().toISOString() });

  beforeAll(async () => {
    slack = await startSlackReceiver();
  });
  afterAll(() => slack.close());
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'driftwatch-outbox-'));
    store = await openSqliteStore(join(dir, 'history.db'));
    clock = Date.parse('2026-11-23T09:00:00Z');
    slack.received.length = 0;
    sleeps.length = 0;
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const env = () => ({ TEAM_HOOK: slack.webhook(`/services/T1/B1/${SECRET}`) });

  it('honours Retry-After on a 429: not retried before it, delivered after it', async () => {
    await enqueue('a');
    slack.script({ status: 429, headers: { 'retry-after': '7' }, body: 'rate_limited' });
    const first = await flushOutbox(store, { env: env(), now, baseDelayMs: 10, random: () => 0 });
    expect(first.delivered).toEqual([]);
    expect(first.failed[0]?.error).toContain('HTTP 429');
    expect(Date.parse(first.failed[0]!.nextAttemptAt) - clock).toBe(7_000);

    clock += 6_999;
    const early = await flushOutbox(store, { env: env(), now });
    expect(early.delivered).toEqual([]);
    expect(slack.received).toHaveLength(1);

    clock += 1;
    const due = await flushOutbox(store, { env: env(), now });
    expect(due.delivered.map((d) => d.key)).toEqual(['a']);
    expect(slack.received.map((r) => r.status)).toEqual([429, 200]);
    expect(slack.received[1]!.body).toEqual({ text: 'hello a' });
  });

  it('waits in-process for a short Retry-After when the wait budget allows', async () => {
    await enqueue('b');
    slack.script({ status: 429, headers: { 'retry-after': '2' } });
    const report = await flushOutbox(store, { env: env(), now, baseDelayMs: 10, random: () => 0, maxWaitMs: 5_000, sleep: fakeSleep });
    expect(report.delivered.map((d) => d.key)).toEqual(['b']);
    expect(sleeps).toEqual([2_000]);
    expect(report.pending).toBe(0);
  });

  it('backs off exponentially on repeated 5xx and keeps the message until it goes through', async () => {
    await enqueue('c');
    slack.script({ status: 500 }, { status: 502 }, { status: 503 });
    const gaps: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await flushOutbox(store, { env: env(), now, baseDelayMs: 1_000, random: () => 1 });
      expect(r.failed).toHaveLength(1);
      gaps.push(Date.parse(r.failed[0]!.nextAttemptAt) - clock);
      clock = Date.parse(r.failed[0]!.nextAttemptAt);
    }
    expect(gaps).toEqual([1_000, 2_000, 4_000]);
    const ok = await flushOutbox(store, { env: env(), now });
    expect(ok.delivered).toHaveLength(1);
    const [message] = await store.listOutbox();
    expect(message?.attempts).toBe(4);
    expect(message?.deliveredAt).not.toBeNull();
  });

  it('a receiver that refuses connections leaves the message pending, with an error free of the URL', async () => {
    const port = await closedPort();
    await enqueue('d', 'webhook:DOWN_HOOK');
    const report = await flushOutbox(store, { env: { DOWN_HOOK: `http://127.0.0.1:${port}/hook/${SECRET}` }, now, timeoutMs: 500 });
    expect(report.delivered).toEqual([]);
    expect(report.failed[0]?.error).toMatch(/could not be reached.*ECONNREFUSED/);
    expect(report.pending).toBe(1);
    const [pending] = await store.listOutbox({ pending: true });
    expect(pending?.lastError).not.toContain(SECRET);
    expect((await readFile(join(dir, 'history.db'))).includes(SECRET)).toBe(false);
  });

  it('an unset webhook env var is a failure kept for later, not an exception', async () => {
    await enqueue('e', 'slack:NOT_SET');
    const report = await flushOutbox(store, { env: {}, now });
    expect(report.failed[0]?.error).toBe('$NOT_SET is not set: no webhook URL to deliver to');
    expect(report.pending).toBe(1);
  });

  it('two flushes at once deliver each message once', async () => {
    for (const key of ['f1', 'f2', 'f3', 'f4']) await enqueue(key);
    const second = await openSqliteStore(join(dir, 'history.db'));
    try {
      const [a, b] = await Promise.all([flushOutbox(store, { env: env(), now, batch: 1 }), flushOutbox(second, { env: env(), now, batch: 1 })]);
      expect([...a.delivered, ...b.delivered].map((d) => d.key).sort()).toEqual(['f1', 'f2', 'f3', 'f4']);
      expect(slack.received).toHaveLength(4);
    } finally {
      await second.close();
    }
  });
});

describe('retry timing', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    const at = new Date('2026-11-23T09:00:00Z');
    expect(parseRetryAfter('3', at)).toBe(3_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 09:00:10 GMT', at)).toBe(10_000);
    expect(parseRetryAfter('soon', at)).toBeUndefined();
    expect(parseRetryAfter(null, at)).toBeUndefined();
  });
  it('caps the exponential backoff and never goes below Retry-After', () => {
    const fail = { ok: false as const, error: 'x' };
    expect(retryDelayMs(30, fail, { baseDelayMs: 1_000, maxDelayMs: 60_000, random: () => 1 })).toBe(60_000);
    expect(retryDelayMs(1, fail, { baseDelayMs: 1_000, random: () => 0 })).toBe(500);
    expect(retryDelayMs(1, { ...fail, retryAfterMs: 9_000 }, { baseDelayMs: 1_000, random: () => 1 })).toBe(9_000);
  });
});
