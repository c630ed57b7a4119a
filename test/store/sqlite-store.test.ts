// Runs the store contract on a real SQLite file, plus what only SQLite has: migrations, WAL, crash safety.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteMigrations } from '../../src/store/migrations/sqlite.js';
import { defaultDbPath, openStore } from '../../src/store/open-store.js';
import { migrateSqlite, openSqliteStore } from '../../src/store/sqlite-store.js';
import { at, describeStoreContract, makeChange, type StoreHandle } from './store-contract.js';
import { describeStoreContractMore } from './store-contract-more.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'driftwatch-store-'));
}

async function readIfExists(file: string): Promise<string> {
  return existsSync(file) ? (await readFile(file)).toString('latin1') : '';
}

async function sqliteHandle(): Promise<StoreHandle> {
  const dir = await tempDir();
  const file = join(dir, 'nested', 'history.db');
  return {
    store: await openSqliteStore(file),
    reopen: () => openSqliteStore(file),
    dump: async () => (await readIfExists(file)) + (await readIfExists(`${file}-wal`)),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

describeStoreContract('sqlite', sqliteHandle);
describeStoreContractMore('sqlite', sqliteHandle);

describe('sqlite store file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function integrity(file: string): { check: string; journal: string } {
    const db = new Database(file, { readonly: true });
    try {
      return {
        check: db.pragma('integrity_check', { simple: true }) as string,
        journal: db.pragma('journal_mode', { simple: true }) as string,
      };
    } finally {
      db.close();
    }
  }

  it('creates the parent folder, uses WAL, and passes integrity_check after real writes', async () => {
    const file = join(dir, 'a', 'b', 'history.db');
    const store = await openSqliteStore(file);
    const run = await store.startRun('scan', ['billing'], at(0));
    await store.recordChanges(run.id, [makeChange()], { observed: [] }, at(1));
    await store.close();
    expect(integrity(file)).toEqual({ check: 'ok', journal: 'wal' });
  });

  it('applies each migration once; reopening is a no-op', async () => {
    const file = join(dir, 'history.db');
    await (await openSqliteStore(file)).close();
    await (await openSqliteStore(file)).close();
    const db = new Database(file);
    try {
      const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
      expect(rows).toEqual(sqliteMigrations.map((m) => ({ version: m.version, name: m.name })));
      expect(migrateSqlite(db, sqliteMigrations)).toEqual([]);
      const extra = { version: 999, name: 'probe', sql: 'CREATE TABLE probe (x INTEGER)' };
      expect(migrateSqlite(db, [...sqliteMigrations, extra])).toEqual([999]);
      expect(migrateSqlite(db, [...sqliteMigrations, extra])).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('keeps the events table append-only', async () => {
    const file = join(dir, 'history.db');
    const store = await openSqliteStore(file);
    const run = await store.startRun('scan', ['billing'], at(0));
    await store.recordChanges(run.id, [makeChange()], { observed: [] }, at(1));
    await store.close();
    const db = new Database(file);
    try {
      expect(() => db.prepare("UPDATE events SET actor = 'mallory'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
      expect(db.prepare('SELECT actor FROM events').all()).toEqual([{ actor: 'driftwatch' }]);
    } finally {
      db.close();
    }
  });

  it('rolls back a migration that fails and records nothing for it', async () => {
    const file = join(dir, 'history.db');
    await (await openSqliteStore(file)).close();
    const db = new Database(file);
    try {
      const broken = { version: 1000, name: 'broken', sql: 'CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table;' };
      expect(() => migrateSqlite(db, [...sqliteMigrations, broken])).toThrow(/no_such_table/);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
      expect(db.prepare('SELECT version FROM schema_migrations WHERE version = 1000').get()).toBeUndefined();
    } finally {
      db.close();
    }
  });

  it('survives a writer killed with SIGKILL mid-transaction: file intact, run listed as unfinished', async () => {
    const file = join(dir, 'history.db');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./fixtures/kill-writer.ts', import.meta.url)), file],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    const runId = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /writing (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      void exited.then(({ code }) => reject(new Error(`writer exited (${code}) before writing: ${stderr}`)));
    });
    // The uncommitted transaction must have spilled into the WAL file, or this test would prove nothing.
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(1_000_000);
    child.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');

    expect(integrity(file).check).toBe('ok');
    const store = await openSqliteStore(file);
    try {
      expect((await store.unfinishedRuns()).map((r) => r.id)).toEqual([runId]);
      expect(await store.listSamples({})).toEqual([]);
    } finally {
      await store.close();
    }
    expect(integrity(file).check).toBe('ok');
  });
});

describe('sqlite store across processes', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('three processes recording the same drifts, claiming the outbox and racing for leases at once: one row per fingerprint, each message and lease once', async () => {
    const file = join(dir, 'history.db');
    // Migrate first so the children race on drifts and the outbox, not on creating the schema.
    const setup = await openSqliteStore(file);
    for (let i = 0; i < 60; i++) {
      await setup.enqueue({ key: `m${i}`, connector: 'billing', target: '#alerts', payload: { i }, createdAt: at(0), nextAttemptAt: at(0) });
    }
    await setup.close();
    const script = fileURLToPath(new URL('./fixtures/concurrent-recorder.ts', import.meta.url));
    const children = Array.from({ length: 3 }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', script, file], { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      const ready = new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('ready')) resolve();
        });
        child.on('exit', () => reject(new Error(`recorder exited early: ${err}`)));
      });
      const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
        child.on('exit', (code) => resolve({ code, out, err })),
      );
      return { child, ready, done };
    });
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.child.stdin.write('go\n');
    const results = await Promise.all(children.map((c) => c.done));
    for (const r of results) expect(r, r.err).toMatchObject({ code: 0 });
    const opened = results.map((r) => Number(/opened (\d+)/.exec(r.out)?.[1] ?? NaN));
    expect(opened.reduce((a, b) => a + b, 0)).toBe(20);
    const claimed = results.flatMap((r) => (/claimed (.*)/.exec(r.out)?.[1] ?? '').split(',').filter(Boolean));
    expect(claimed).toHaveLength(60);
    expect(new Set(claimed).size).toBe(60);
    const won = results.flatMap((r) => (/won (.*)/.exec(r.out)?.[1] ?? '').split(',').filter(Boolean));
    expect(won.sort()).toEqual(Array.from({ length: 40 }, (_, i) => `slot-${i}`).sort());

    const store = await openSqliteStore(file);
    try {
      const drifts = await store.listDrifts();
      expect(drifts).toHaveLength(20);
      expect(await store.unfinishedRuns()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe('openStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('defaults to <root>/.driftwatch/history.db', async () => {
    expect(defaultDbPath('/srv/project')).toBe(join('/srv/project', '.driftwatch', 'history.db'));
    const store = await openStore(undefined, dir, {});
    await store.close();
    expect(store.kind).toBe('sqlite');
    expect(existsSync(join(dir, '.driftwatch', 'history.db'))).toBe(true);
  });

  it('takes DRIFTWATCH_DB over the default and --db over both, relative paths from the root', async () => {
    const fromEnv = await openStore(undefined, dir, { DRIFTWATCH_DB: 'env/history.db' });
    await fromEnv.close();
    expect(existsSync(join(dir, 'env', 'history.db'))).toBe(true);

    const absolute = join(dir, 'flag', 'x.db');
    const fromFlag = await openStore(absolute, dir, { DRIFTWATCH_DB: 'env/other.db' });
    await fromFlag.close();
    expect(existsSync(absolute)).toBe(true);
    expect(existsSync(join(dir, 'env', 'other.db'))).toBe(false);
    expect(existsSync(join(dir, '.driftwatch'))).toBe(false);
  });
});
