// `driftwatch store stats`, `history` paging and the retention at the end of a scan, through the real binary.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION_DAYS, retentionDays } from '../../src/app/retention.js';
import { scan } from '../../src/app/scan.js';
import type { SampleOutcome } from '../../src/core/model.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { runCli } from '../helpers/run-cli.js';
import { at, makeChange } from './store-contract.js';

let dir: string;
let db: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'driftwatch-store-cli-'));
  db = join(dir, '.driftwatch', 'history.db');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function sample(takenAt: string, latencyMs: number): SampleOutcome {
  return {
    ok: true,
    sample: { connector: 'billing', endpoint: 'list-invoices', method: 'GET', url: 'http://127.0.0.1/x', status: 200, contentType: 'application/json', headers: {}, latencyMs, sizeBytes: 10, bodyHash: 'h', body: null, takenAt, attempts: 1 },
  };
}

describe('driftwatch store stats', () => {
  it('prints rows and bytes per table, the oldest sample, drifts by status and the retention, as text and JSON', async () => {
    const store = await openSqliteStore(db);
    const run = await store.startRun('scan', ['billing'], at(0));
    await store.recordSamples(run.id, [sample(at(1), 10), sample(at(2), 20), sample(at(3), 30)]);
    await store.recordChanges(run.id, [makeChange(), makeChange({ path: '$.b' })], { observed: [] }, at(4));
    await store.acknowledgeDrift(makeChange().fingerprint, 'known', at(5));
    await store.close();

    const text = await runCli(['store', 'stats', '--root', dir], { cwd: dir });
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^sqlite store, [\d.]+ KB in all/);
    expect(text.stdout).toMatch(/samples\s+3 rows\s+[\d.]+ KB/);
    expect(text.stdout).toContain(`oldest sample: ${at(1)}`);
    expect(text.stdout).toContain('retention: 90 days of samples');
    expect(text.stdout).toContain('drifts: 1 open, 1 acknowledged, 0 accepted, 0 resolved');

    const json = await runCli(['store', 'stats', '--db', db, '--format', 'json'], { cwd: tmpdir(), env: { DRIFTWATCH_RETENTION: 'off' } });
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { schemaVersion: number; tables: Array<{ table: string; rows: number; bytes: number }>; retentionDays: number | null; bytesPerSample: number };
    expect(report.schemaVersion).toBe(1);
    expect(report.retentionDays).toBeNull();
    expect(report.tables.find((t) => t.table === 'events')).toMatchObject({ rows: 3 });
    expect(report.bytesPerSample).toBeGreaterThan(0);

    const bad = await runCli(['store', 'stats', '--root', dir], { cwd: dir, env: { DRIFTWATCH_RETENTION: 'forever' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('DRIFTWATCH_RETENTION="forever"');
  });
});

describe('driftwatch history paging', () => {
  it('shows 100 drifts by default and names the next page; --before takes an id or a time', async () => {
    const store = await openSqliteStore(db);
    const run = await store.startRun('scan', ['billing'], at(0));
    await store.recordChanges(run.id, Array.from({ length: 130 }, (_, i) => makeChange({ path: `$.f${String(i).padStart(3, '0')}` })), { observed: [] }, at(1));
    await store.recordChanges(run.id, [makeChange({ path: '$.late' })], { observed: [] }, at(50));
    await store.close();

    const first = await runCli(['history', '--root', dir, '--format', 'json'], { cwd: dir });
    expect(first.code).toBe(0);
    const page1 = (JSON.parse(first.stdout) as { drifts: Array<{ id: number; path: string }> }).drifts;
    expect(page1).toHaveLength(100);
    expect(page1[0]!.path).toBe('$.late');
    const next = /more: driftwatch history --before (\d+)/.exec(first.stderr)?.[1];
    expect(next).toBe(String(page1.at(-1)!.id));

    const second = await runCli(['history', '--root', dir, '--format', 'json', '--before', `#${next}`], { cwd: dir });
    const page2 = (JSON.parse(second.stdout) as { drifts: Array<{ id: number }> }).drifts;
    expect(page2).toHaveLength(31);
    expect(second.stderr).toBe('');
    expect(new Set([...page1, ...page2].map((d) => d.id)).size).toBe(131);

    const byTime = await runCli(['history', '--root', dir, '--format', 'json', '--before', at(10), '--limit', '500'], { cwd: dir });
    expect((JSON.parse(byTime.stdout) as { drifts: unknown[] }).drifts).toHaveLength(130);
    const bad = await runCli(['history', '--root', dir, '--before', 'yesterday'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--before "yesterday"');
  });
});

describe('retention policy', () => {
  it('runs at the end of a scan: samples older than the retention fold into daily rows, the rest stay', async () => {
    await mkdir(join(dir, 'contracts'), { recursive: true });
    const store = await openSqliteStore(db);
    try {
      const run = await store.startRun('scan', ['billing'], '2026-01-01T00:00:00.000Z');
      await store.recordSamples(run.id, [sample('2026-01-01T03:00:00.000Z', 10), sample('2026-01-20T03:00:00.000Z', 20), sample('2026-02-25T03:00:00.000Z', 30)]);
      const now = () => new Date('2026-03-01T12:00:00.000Z');
      await scan({ root: dir, store, env: { DRIFTWATCH_RETENTION: '30d' }, now });
      expect((await store.listSamples({})).map((s) => s.takenAt)).toEqual(['2026-02-25T03:00:00.000Z']);
      expect((await store.listSampleDays({})).map((d) => [d.day, d.samples, d.p50])).toEqual([
        ['2026-01-01', 1, 10],
        ['2026-01-20', 1, 20],
      ]);
      // `retentionDays: null` (or DRIFTWATCH_RETENTION=off) keeps everything.
      await store.recordSamples(run.id, [sample('2025-06-01T03:00:00.000Z', 5)]);
      await scan({ root: dir, store, env: {}, now, retentionDays: null });
      expect(await store.listSamples({})).toHaveLength(2);
    } finally {
      await store.close();
    }
  });

  it('reads DRIFTWATCH_RETENTION: 90 days by default, Nd or N, off', () => {
    expect(retentionDays({})).toBe(DEFAULT_RETENTION_DAYS);
    expect(retentionDays({ DRIFTWATCH_RETENTION: '30d' })).toBe(30);
    expect(retentionDays({ DRIFTWATCH_RETENTION: ' 7 ' })).toBe(7);
    expect(retentionDays({ DRIFTWATCH_RETENTION: 'OFF' })).toBeNull();
    expect(() => retentionDays({ DRIFTWATCH_RETENTION: '0d' })).toThrow(/expected a number of days/);
    expect(() => retentionDays({ DRIFTWATCH_RETENTION: '3w' })).toThrow(/expected a number of days/);
  });
});
