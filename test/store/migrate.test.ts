// `driftwatch migrate`: a real SQLite history copied into a fresh PostgreSQL schema and read back through the store.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maskUrl, migrateHistory, type MigrateResult } from '../../src/app/migrate.js';
import type { SampleOutcome } from '../../src/core/model.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import { sqliteMigrations } from '../../src/store/migrations/sqlite.js';
import { migrateSqlite, openSqliteStore } from '../../src/store/sqlite-store.js';
import { runMain } from '../helpers/run-main.js';
import { describeWithPostgres, newSchemaName, pgUrl, schemaUrl } from './pg-server.js';
import { at, makeChange } from './store-contract.js';

const admin = new pg.Pool({ connectionString: pgUrl, max: 2 });
admin.on('error', () => undefined);
const schemas = new Set<string>();

afterAll(async () => {
  for (const name of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`).catch(() => undefined);
  await admin.end();
});

/** A fresh, empty schema and the URL that writes into it. */
async function freshTarget(): Promise<{ schema: string; url: string }> {
  const schema = newSchemaName();
  schemas.add(schema);
  await admin.query(`CREATE SCHEMA "${schema}"`);
  return { schema, url: schemaUrl(schema) };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'driftwatch-migrate-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const scope = (endpoint: string) => ({ observed: [{ connector: 'billing', endpoint, source: 'snapshot' }] });

/**
 * A history made through the store API the way scans make one: three runs (the last one killed), samples
 * that succeeded and failed, drifts in every status (one with a root-cause note, one pinned and suppressed,
 * one whose before is JSON null), and outbox messages delivered, failed and pending.
 */
async function buildHistory(file: string): Promise<void> {
  const store = await openSqliteStore(file);
  try {
    const r1 = await store.startRun('scan', ['billing'], at(0));
    const outcomes: SampleOutcome[] = [
      ...Array.from({ length: 5 }, (_, i): SampleOutcome => ({
        ok: true,
        sample: {
          connector: 'billing',
          endpoint: i % 2 === 0 ? 'list-invoices' : 'get-customer',
          method: 'GET',
          url: 'http://127.0.0.1/v1/invoices',
          status: 200,
          contentType: 'application/json',
          headers: {},
          latencyMs: 10 + i + 0.25,
          sizeBytes: 1000 + i,
          bodyHash: String(i).repeat(64),
          body: {},
          takenAt: at(0.1 * (i + 1)),
          attempts: 1,
        },
      })),
      {
        ok: false,
        failure: {
          connector: 'billing',
          endpoint: 'list-invoices',
          kind: 'auth-rejected',
          status: 401,
          message: 'unauthorised',
          latencyMs: 3.5,
          takenAt: at(0.9),
          attempts: 1,
        },
      },
    ];
    await store.recordSamples(r1.id, outcomes);
    // Two days earlier: folded into a daily row by the retention, so the copy carries sample_days too.
    await store.recordSamples(r1.id, [
      { ok: true, sample: { ...(outcomes[0] as Extract<SampleOutcome, { ok: true }>).sample, takenAt: '2025-12-30T10:00:00.000Z' } },
      { ok: false, failure: { connector: 'billing', endpoint: 'list-invoices', kind: 'timeout', message: 'slow', latencyMs: 9000, takenAt: '2025-12-30T11:00:00.000Z', attempts: 3 } },
    ]);
    expect(await store.compactSamples(at(0))).toEqual({ days: ['2025-12-30'], samples: 2 });
    await store.saveBaselines([{ connector: 'billing', endpoint: 'list-invoices', snapshotVersion: 'v1', schema: { type: 'object' }, runs: 3, updatedAt: at(1) }]);
    await store.recordChanges(
      r1.id,
      [
        makeChange({ path: '$.a' }),
        makeChange({ path: '$.b', severity: 'warning', before: null, after: { type: 'string', format: 'date' } }),
        makeChange({ path: '$.gone' }),
        makeChange({ endpoint: 'get-customer', path: '$.c', pinned: true, suppressed: { reason: 'known', expires: '2026-12-31' } }),
      ],
      { observed: [...scope('list-invoices').observed, ...scope('get-customer').observed] },
      at(1),
    );
    await store.finishRun(r1.id, { breaking: 3, warning: 1, info: 0, errors: 1 }, at(2));

    const r2 = await store.startRun('scan', ['billing'], at(60));
    // $.gone is not seen again inside the observed scope: resolved.
    await store.recordChanges(r2.id, [makeChange({ path: '$.a' }), makeChange({ path: '$.b', severity: 'warning', before: null, after: { type: 'string', format: 'date' } })], scope('list-invoices'), at(61));
    await store.acknowledgeDrift('billing|list-invoices|field-removed|$.b', 'vendor release 2026-01 renamed it; ticket BILL-42', at(62));
    await store.acceptDrifts('billing', 'get-customer', at(63));
    await store.finishRun(r2.id, { breaking: 1, warning: 1, info: 0, errors: 0 }, at(64));

    // A scan killed mid-way: started, never finished.
    await store.startRun('scan', ['billing'], at(120));

    for (const key of ['delivered', 'failed', 'pending']) {
      await store.enqueue({ key, connector: 'billing', target: '#billing-alerts', payload: { text: key, n: [1, null] }, createdAt: at(1), nextAttemptAt: at(1), fingerprints: ['billing|list-invoices|field-removed|$.a'] });
    }
    const claimed = await store.claimDue(at(2), at(3), 2);
    await store.markDelivered(claimed.find((m) => m.key === 'delivered')!.id, at(2));
    await store.markFailed(claimed.find((m) => m.key === 'failed')!.id, 'slack answered 503', at(30));

    // Leases belong to running watchers; they are not part of the history.
    await store.acquireLease('watch-slot:billing', 'laptop', at(500), at(0));
  } finally {
    await store.close();
  }
}

interface Everything {
  runs: Awaited<ReturnType<HistoryStore['listRuns']>>;
  samples: Awaited<ReturnType<HistoryStore['listSamples']>>;
  drifts: Awaited<ReturnType<HistoryStore['listDrifts']>>;
  outbox: Awaited<ReturnType<HistoryStore['listOutbox']>>;
  events: Awaited<ReturnType<HistoryStore['listEvents']>>;
  days: Awaited<ReturnType<HistoryStore['listSampleDays']>>;
  baselines: Awaited<ReturnType<HistoryStore['readBaselines']>>;
}

async function readAll(store: HistoryStore): Promise<Everything> {
  return {
    runs: await store.listRuns(1000),
    samples: await store.listSamples({}),
    drifts: await store.listDrifts(),
    outbox: await store.listOutbox(),
    events: await store.listEvents(),
    days: await store.listSampleDays({}),
    baselines: await store.readBaselines('billing'),
  };
}

async function readSqlite(file: string): Promise<Everything> {
  const store = await openSqliteStore(file);
  try {
    return await readAll(store);
  } finally {
    await store.close();
  }
}

function counts(result: MigrateResult): Record<string, [number, number]> {
  if (!result.ok) throw new Error(`migration refused: ${result.problem}`);
  return Object.fromEntries(result.tables.map((t) => [t.table, [t.copied, t.skipped]]));
}

await describeWithPostgres('driftwatch migrate (SQLite -> PostgreSQL)', () => {
  it('copies runs, samples, drifts and outbox with their ids, statuses, times and notes', async () => {
    const file = join(dir, 'history.db');
    await buildHistory(file);
    const before = await readSqlite(file);
    expect(new Set(before.drifts.map((d) => d.status))).toEqual(new Set(['open', 'acknowledged', 'accepted', 'resolved']));

    const { schema, url } = await freshTarget();
    // A page size of 2 makes every table take several round trips.
    const result = await migrateHistory({ from: file, to: url, batchSize: 2 });
    expect(counts(result)).toEqual({ runs: [3, 0], samples: [6, 0], drifts: [4, 0], outbox: [3, 0], baselines: [1, 0], events: [8, 0], sample_days: [1, 0] });
    expect(result.to).not.toContain(':driftwatch@');

    const target = await openPostgresStore(pgUrl, { schema });
    try {
      const after = await readAll(target);
      expect(after).toEqual(before);
      expect((await target.unfinishedRuns()).map((r) => r.id)).toEqual([3]);
      expect(await target.getDrift('billing|list-invoices|field-removed|$.b')).toMatchObject({
        status: 'acknowledged',
        note: 'vendor release 2026-01 renamed it; ticket BILL-42',
        before: null,
        firstSeenAt: at(1),
        lastSeenAt: at(61),
      });
      const { rows: leases } = await admin.query(`SELECT count(*)::int AS n FROM "${schema}".leases`);
      expect(leases).toEqual([{ n: 0 }]);
      // updated_at is not in the record types: compare it on the rows.
      const source = new Database(file, { readonly: true });
      const sourceUpdated = source.prepare('SELECT id, updated_at FROM drifts ORDER BY id').all();
      source.close();
      const { rows: targetUpdated } = await admin.query<{ id: number; updated_at: string }>(
        `SELECT id::int AS id, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at FROM "${schema}".drifts ORDER BY id`,
      );
      expect(targetUpdated).toEqual(sourceUpdated);

      // The sequences moved past the copied ids: new rows get fresh ids and nothing collides.
      const run = await target.startRun('scan', ['billing'], at(200));
      expect(run.id).toBe(4);
      await target.recordSamples(run.id, []);
      const [opened] = await target.recordChanges(run.id, [makeChange({ path: '$.new' })], { observed: [] }, at(201));
      expect(opened).toMatchObject({ kind: 'opened', drift: { id: 5 } });
      expect(await target.enqueue({ key: 'new', connector: 'billing', target: '#x', payload: {}, createdAt: at(201), nextAttemptAt: at(201) })).toBe(true);
      expect((await target.listOutbox()).map((m) => m.id)).toEqual([1, 2, 3, 4]);
      // The copied pending and failed messages are claimable by the new store, the delivered one is not.
      expect((await target.claimDue(at(40), at(41))).map((m) => [m.key, m.attempts])).toEqual([
        ['pending', 1],
        ['failed', 2],
      ]);
    } finally {
      await target.close();
    }
  });

  it('copies a history written before schema version 4 (old column names, no events or daily rows)', async () => {
    const file = join(dir, 'v3.db');
    const raw = new Database(file);
    migrateSqlite(raw, sqliteMigrations.filter((m) => m.version <= 3));
    raw.exec(`INSERT INTO runs (kind, started_at, finished, connectors) VALUES ('scan', '${at(0)}', 1, '["billing"]');
      INSERT INTO drifts (fingerprint, connector, endpoint, rule, path, severity, source, message, before_json, after_json, status,
        suppressed, first_seen_run, first_seen_at, last_seen_run, last_seen_at, updated_at, evidence)
      VALUES ('fp-old', 'billing', 'list-invoices', 'field-removed', '$.x', 'breaking', 'snapshot', 'gone', 'null', '{"type":"string"}',
        'open', 0, 1, '${at(1)}', 1, '${at(1)}', '${at(1)}', '[]');
      INSERT INTO outbox (key, connector, target, payload, created_at, next_attempt_at) VALUES ('k', 'billing', '#x', '{}', '${at(1)}', '${at(1)}');`);
    raw.close();
    const { schema, url } = await freshTarget();
    expect(counts(await migrateHistory({ from: file, to: url }))).toEqual({ runs: [1, 0], samples: [0, 0], drifts: [1, 0], outbox: [1, 0], baselines: [0, 0], events: [0, 0], sample_days: [0, 0] });
    const target = await openPostgresStore(pgUrl, { schema });
    try {
      expect(await target.getDrift('fp-old')).toMatchObject({ before: null, after: { type: 'string' }, status: 'open', pinned: null });
    } finally {
      await target.close();
    }
  });

  it('is safe to run again: skips what is already there and copies only what is new', async () => {
    const file = join(dir, 'history.db');
    await buildHistory(file);
    const { schema, url } = await freshTarget();
    expect(counts(await migrateHistory({ from: file, to: url }))).toEqual({ runs: [3, 0], samples: [6, 0], drifts: [4, 0], outbox: [3, 0], baselines: [1, 0], events: [8, 0], sample_days: [1, 0] });
    expect(counts(await migrateHistory({ from: file, to: url }))).toEqual({ runs: [0, 3], samples: [0, 6], drifts: [0, 4], outbox: [0, 3], baselines: [0, 1], events: [0, 8], sample_days: [0, 1] });

    // The laptop kept scanning before the team switched over: the next migration brings just that.
    const source = await openSqliteStore(file);
    const run = await source.startRun('scan', ['billing'], at(300));
    await source.recordChanges(run.id, [makeChange({ path: '$.later' })], { observed: [] }, at(301));
    await source.finishRun(run.id, { breaking: 1, warning: 0, info: 0, errors: 0 }, at(302));
    await source.close();
    expect(counts(await migrateHistory({ from: file, to: url }))).toEqual({ runs: [1, 3], samples: [0, 6], drifts: [1, 4], outbox: [0, 3], baselines: [0, 1], events: [1, 8], sample_days: [0, 1] });

    const target = await openPostgresStore(pgUrl, { schema });
    try {
      expect(await readAll(target)).toEqual(await readSqlite(file));
      expect((await target.startRun('scan', [], at(400))).id).toBe(5);
    } finally {
      await target.close();
    }
  });

  it('refuses a target that holds a different history under the same ids, and writes nothing', async () => {
    const file = join(dir, 'history.db');
    await buildHistory(file);
    const { schema, url } = await freshTarget();
    const theirs = await openPostgresStore(pgUrl, { schema });
    try {
      const run = await theirs.startRun('verify', ['crm'], at(1000));
      await theirs.recordChanges(run.id, [makeChange({ connector: 'crm', path: '$.x' })], { observed: [] }, at(1001));
    } finally {
      await theirs.close();
    }
    const snapshot = async () =>
      (await admin.query<{ t: string }>(
        `SELECT (SELECT count(*) FROM "${schema}".runs) || '/' || (SELECT count(*) FROM "${schema}".samples) || '/' ||
                (SELECT count(*) FROM "${schema}".drifts) || '/' || (SELECT count(*) FROM "${schema}".outbox) AS t`,
      )).rows[0]?.t;
    expect(await snapshot()).toBe('1/0/1/0');

    const result = await migrateHistory({ from: file, to: url });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toMatch(/different history/);
    expect(result.conflicts).toEqual([{ table: 'runs', id: 1, reason: expect.stringMatching(/different row/) as unknown as string }]);
    expect(await snapshot()).toBe('1/0/1/0');
  });

  it('refuses a drift fingerprint that the target keeps under another id', async () => {
    const file = join(dir, 'history.db');
    const source = await openSqliteStore(file);
    const r = await source.startRun('scan', ['billing'], at(0));
    await source.recordChanges(r.id, [makeChange({ path: '$.one' }), makeChange({ path: '$.two' })], { observed: [] }, at(1));
    await source.close();

    const { schema, url } = await freshTarget();
    const theirs = await openPostgresStore(pgUrl, { schema });
    try {
      // Same run id and start as the source's run (so runs match), but the drifts were recorded in the other order.
      const run = await theirs.startRun('scan', ['billing'], at(0));
      await theirs.recordChanges(run.id, [makeChange({ path: '$.two' }), makeChange({ path: '$.one' })], { observed: [] }, at(1));
    } finally {
      await theirs.close();
    }
    const result = await migrateHistory({ from: file, to: url });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.conflicts.map((c) => [c.table, c.id])).toEqual([['drifts', 1], ['drifts', 2]]);
  });

  it('migrates through the real binary: --from defaults to the project history, --to to DRIFTWATCH_DB', async () => {
    await mkdir(join(dir, '.driftwatch'));
    await buildHistory(join(dir, '.driftwatch', 'history.db'));
    const { schema, url } = await freshTarget();
    const run = await runMain(['migrate', '--root', dir], { cwd: tmpdir(), env: { DRIFTWATCH_DB: url } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/runs\s+3 copied/);
    expect(run.stdout).toMatch(/samples\s+6 copied/);
    expect(run.stdout).toMatch(/drifts\s+4 copied/);
    expect(run.stdout).toMatch(/outbox\s+3 copied/);
    expect(run.stdout).toContain('driftwatch:***@');
    expect(run.stdout).not.toContain(':driftwatch@');

    const again = await runMain(['migrate', '--from', '.driftwatch/history.db', '--to', url, '--format', 'json'], { cwd: dir });
    expect(again.code).toBe(0);
    const parsed = JSON.parse(again.stdout) as MigrateResult;
    expect(counts(parsed)).toEqual({ runs: [0, 3], samples: [0, 6], drifts: [0, 4], outbox: [0, 3], baselines: [0, 1], events: [0, 8], sample_days: [0, 1] });
    const { rows } = await admin.query(`SELECT count(*)::int AS n FROM "${schema}".drifts`);
    expect(rows).toEqual([{ n: 4 }]);
  });
});

describe('driftwatch migrate: bad input', () => {
  it('reports a missing source file and does not create it', async () => {
    const file = join(dir, 'nope', 'history.db');
    const result = await migrateHistory({ from: file, to: 'postgres://u:pw@127.0.0.1:1/db' });
    expect(result).toMatchObject({ ok: false, conflicts: [] });
    if (!result.ok) expect(result.problem).toContain(file);
    expect(existsSync(file)).toBe(false);
  });

  it('reports a SQLite file that is not a driftwatch history, and one written by a newer driftwatch', async () => {
    const other = join(dir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE notes (x TEXT)');
    db.close();
    const result = await migrateHistory({ from: other, to: 'postgres://u:pw@127.0.0.1:1/db' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(/not a driftwatch history/);

    const newer = join(dir, 'newer.db');
    await (await openSqliteStore(newer)).close();
    const raw = new Database(newer);
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 'x')").run();
    raw.close();
    const refused = await migrateHistory({ from: newer, to: 'postgres://u:pw@127.0.0.1:1/db' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problem).toMatch(/schema version 99.*upgrade driftwatch/);

    await writeFile(join(dir, 'garbage.db'), 'this is not a database at all, just text'.repeat(50));
    const garbage = await migrateHistory({ from: join(dir, 'garbage.db'), to: 'postgres://u:pw@127.0.0.1:1/db' });
    expect(garbage.ok).toBe(false);
  });

  it('fails operationally on an unreachable server without printing the password', async () => {
    const file = join(dir, 'history.db');
    await (await openSqliteStore(file)).close();
    const error = await migrateHistory({ from: file, to: 'postgres://u:hunter2secret@127.0.0.1:1/db' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'OPERATIONAL' });
    expect(String((error as Error).message)).not.toContain('hunter2secret');
    expect(String((error as Error).message)).toContain('u:***@127.0.0.1:1');
  });

  it('masks password, sslpassword and sslkey query parameters too', async () => {
    expect(maskUrl('postgres://h/db?password=hunter2secret')).toBe('postgres://h/db?password=***');
    const masked = maskUrl('postgres://u:pw@h:5432/db?sslmode=require&sslpassword=keypass42&sslkey=%2Fsecret%2Fclient.key&application_name=dw');
    expect(masked).not.toMatch(/keypass42|client\.key|:pw@/);
    expect(masked).toContain('sslmode=require');
    expect(masked).toContain('application_name=dw');

    const file = join(dir, 'history.db');
    await (await openSqliteStore(file)).close();
    const error = await migrateHistory({ from: file, to: 'postgres://u@127.0.0.1:1/db?password=hunter2secret' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'OPERATIONAL' });
    expect(String((error as Error).message)).not.toContain('hunter2secret');
  });

  it('exits 2 without a postgres target, or when --from is a URL', async () => {
    const noTarget = await runMain(['migrate', '--root', dir], { cwd: dir, env: { DRIFTWATCH_DB: '' } });
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toMatch(/--to <postgres:\/\/\.\.\.> is required/);
    const fileTarget = await runMain(['migrate', '--to', join(dir, 'x.db')], { cwd: dir, env: { DRIFTWATCH_DB: '' } });
    expect(fileTarget.code).toBe(2);
    const urlSource = await runMain(['migrate', '--from', 'postgres://a@b/c', '--to', 'postgres://a@b/d'], { cwd: dir });
    expect(urlSource.code).toBe(2);
    const missing = await runMain(['migrate', '--to', 'postgres://u:pw@127.0.0.1:1/db'], { cwd: dir, env: { DRIFTWATCH_DB: '' } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(join(dir, '.driftwatch', 'history.db'));
  });
});
