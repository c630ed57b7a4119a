// The default history store: one SQLite file (better-sqlite3, WAL), migrated on open; its transactions are synchronous.
// Over 300 lines: one method per port operation, each only its dialect's transaction around shared pure steps.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Finding, SampleOutcome, SeverityCounts } from '../core/model.js';
import { decodeRow, encodeRow, sqliteDialect as D, type Param } from './dialects.js';
import { cleanError, toIso } from './drift-plan.js';
import { acceptFlow, acknowledgeLine, compactLoop, decideFlow, deliveredFlow, foldDayFlow, recordFlow, runSync, type Op } from './flows.js';
import { driftWhere, eventWhere, sampleDayWhere, sampleWhere } from './filters.js';
import type { HistoryStore } from './history-store.js';
import { sqliteMigrations, type Migration } from './migrations/sqlite.js';
import type { FindingStory, EventFilter } from './ports/events.js';
import { SYSTEM_ACTOR, type DriftEvent, type DriftFilter, type RecordedFindings, type RecordFindingsInput, type RunScope } from './ports/findings.js';
import type { CompactResult, StoreStats } from './ports/maintenance.js';
import type { OutboxDraft } from './ports/outbox.js';
import type { SampleFilter } from './ports/samples.js';
import { outboxRow, runRow, sampleRow, summaryOf } from './rows.js';
import type { SampleFact } from './sample-days.js';
import { sqliteStats } from './sqlite-stats.js';
import { DRIFT_UPDATE_COLUMNS, prepareStatements, type Row, type Statements } from './sqlite-statements.js';
import {
  BASELINES,
  DRIFTS,
  EVENTS,
  OUTBOX,
  RUNS,
  SAMPLE_DAYS,
  SAMPLES,
  type DriftRecord,
  type FindingEvent,
  type FindingEventKind,
  type LearnedBaseline,
  type OutboxMessage,
  type RunKind,
  type RunRecord,
  type SampleDay,
  type StoredSample,
} from './tables.js';

type Db = Database.Database;

/** Opens (creating if needed) the SQLite history file and brings its schema up to date. */
export async function openSqliteStore(file: string): Promise<HistoryStore> {
  if (file !== ':memory:') await mkdir(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    // busy_timeout first: a second process may be holding the write lock while we migrate.
    db.pragma('busy_timeout = 5000');
    await switchToWal(db);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrateSqlite(db, sqliteMigrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteStore(db);
}

/**
 * The switch to WAL needs a moment alone with the file and does not always wait on the busy timeout: several
 * processes opening one fresh file at once (watchers sharing a store) can get "database is locked". It is retried.
 */
async function switchToWal(db: Db): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
    }
  }
}

/** Applies the migrations a database lacks, each in its own IMMEDIATE transaction; returns the versions applied. */
export function migrateSqlite(db: Db, migrations: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied: number[] = [];
  const isApplied = db.prepare<[number], { version: number }>('SELECT version FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    // Re-checked inside the write lock: two processes opening a fresh file at once apply it once.
    const apply = db.transaction(() => {
      if (isApplied.get(m.version)) return false;
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
      return true;
    });
    if (apply.immediate()) applied.push(m.version);
  }
  return applied;
}

const run = (row: Row): RunRecord => decodeRow(D, RUNS, row);
const drift = (row: Row): DriftRecord => decodeRow(D, DRIFTS, row);
const message = (row: Row): OutboxMessage => decodeRow(D, OUTBOX, row);

class SqliteStore implements HistoryStore {
  readonly kind = 'sqlite' as const;
  readonly #db: Db;
  readonly #s: Statements;

  constructor(db: Db) {
    this.#db = db;
    this.#s = prepareStatements(db);
  }

  async startRun(kind: RunKind, connectors: string[], at: string): Promise<RunRecord> {
    return run(this.#s.insertRun.get(...encodeRow(D, RUNS, runRow(kind, connectors, at)))!);
  }

  async finishRun(runId: number, summary: SeverityCounts & { errors: number }, at: string): Promise<void> {
    this.#s.finishRun.run(toIso(at), JSON.stringify(summaryOf(summary)), runId);
  }

  async listRuns(limit = 50): Promise<RunRecord[]> {
    return this.#s.listRuns.all(limit).map(run);
  }

  async unfinishedRuns(): Promise<RunRecord[]> {
    return this.#s.unfinishedRuns.all().map(run);
  }

  async recordSamples(runId: number, outcomes: SampleOutcome[]): Promise<void> {
    this.#db.transaction(() => {
      for (const o of outcomes) this.#s.insertSample.run(...encodeRow(D, SAMPLES, sampleRow(runId, o)));
    }).immediate();
  }

  async listSamples(filter: SampleFilter): Promise<StoredSample[]> {
    const w = sampleWhere(D, filter);
    return this.#all(`SELECT * FROM samples ${w.sql} ORDER BY taken_at, id`, w.params).map((r) => decodeRow(D, SAMPLES, r));
  }

  async listSampleDays(filter: SampleFilter): Promise<SampleDay[]> {
    const w = sampleDayWhere(D, filter);
    return this.#all(`SELECT * FROM sample_days ${w.sql} ORDER BY day, connector, endpoint`, w.params).map((r) => decodeRow(D, SAMPLE_DAYS, r));
  }

  async recordChanges(runId: number, changes: readonly Finding[], scope: RunScope, at: string): Promise<DriftEvent[]> {
    return (await this.recordFindings({ runId, changes, scope, at })).events;
  }

  async recordFindings(input: RecordFindingsInput): Promise<RecordedFindings> {
    const when = toIso(input.at);
    // IMMEDIATE takes the write lock before reading, so two scans cannot both decide "insert".
    return this.#db.transaction(() => runSync(recordFlow(input, when), this.#exec)).immediate();
  }

  async listDrifts(filter: DriftFilter = {}): Promise<DriftRecord[]> {
    const w = driftWhere(D, filter);
    const limit = filter.limit === undefined ? '' : ` LIMIT ${w.next()}`;
    const params = filter.limit === undefined ? w.params : [...w.params, filter.limit];
    return this.#all(`SELECT * FROM drifts ${w.sql} ORDER BY last_seen_at DESC, id DESC${limit}`, params).map(drift);
  }

  async getDrift(idOrFingerprint: number | string): Promise<DriftRecord | null> {
    const row = this.#find(idOrFingerprint);
    return row ? drift(row) : null;
  }

  #find(idOrFingerprint: number | string): Row | undefined {
    return typeof idOrFingerprint === 'number' ? this.#s.driftById.get(idOrFingerprint) : this.#s.driftByFingerprint.get(idOrFingerprint);
  }

  async acceptDrifts(connector: string, endpoint: string | undefined, at: string, actor = SYSTEM_ACTOR): Promise<number> {
    return this.#db.transaction(() => runSync(acceptFlow(connector, endpoint, toIso(at), actor), this.#exec)).immediate();
  }

  async acknowledgeDrift(idOrFingerprint: number | string, note: string | undefined, at: string, actor = SYSTEM_ACTOR): Promise<DriftRecord | null> {
    return this.#decide(idOrFingerprint, note ?? null, at, actor, acknowledgeLine(note ?? null));
  }

  async ignoreDrift(idOrFingerprint: number | string, note: string, at: string, actor = SYSTEM_ACTOR): Promise<DriftRecord | null> {
    return this.#decide(idOrFingerprint, note, at, actor, () => 'ignored');
  }

  async #decide(key: number | string, note: string | null, at: string, actor: string, kind: (before: DriftRecord) => FindingEventKind | null): Promise<DriftRecord | null> {
    return this.#db.transaction(() => runSync(decideFlow(key, note, toIso(at), actor, kind), this.#exec)).immediate();
  }

  async storyOf(idOrFingerprint: number | string): Promise<FindingStory | null> {
    const row = this.#find(idOrFingerprint);
    if (!row) return null;
    const d = drift(row);
    return { drift: d, events: this.#s.eventsOf.all(d.id).map((r) => decodeRow(D, EVENTS, r)) };
  }

  async listEvents(filter: EventFilter = {}): Promise<FindingEvent[]> {
    const w = eventWhere(D, filter);
    const limit = filter.limit === undefined ? '' : ` LIMIT ${w.next()}`;
    const params = filter.limit === undefined ? w.params : [...w.params, filter.limit];
    return this.#all(`SELECT * FROM events ${w.sql} ORDER BY id${limit}`, params).map((r) => decodeRow(D, EVENTS, r));
  }

  async readBaselines(connector: string): Promise<LearnedBaseline[]> {
    return this.#s.baselinesOf.all(connector).map((r) => decodeRow(D, BASELINES, r));
  }

  async saveBaselines(baselines: readonly LearnedBaseline[]): Promise<void> {
    this.#db.transaction(() => {
      for (const b of baselines) this.#s.saveBaseline.run(...encodeRow(D, BASELINES, b));
    })();
  }

  async enqueue(draft: OutboxDraft): Promise<boolean> {
    return this.#s.enqueue.run(...encodeRow(D, OUTBOX, outboxRow(draft))).changes === 1;
  }

  async claimDue(at: string, leaseUntil: string, limit = 50): Promise<OutboxMessage[]> {
    const lease = toIso(leaseUntil);
    return this.#db
      .transaction((): OutboxMessage[] =>
        this.#s.dueIds
          .all(toIso(at), limit)
          .map(({ id }) => this.#s.claim.get(lease, id))
          .filter((row): row is Row => row !== undefined)
          .map(message),
      )
      .immediate();
  }

  async markDelivered(id: number, at: string): Promise<void> {
    this.#db.transaction(() => runSync(deliveredFlow(id, toIso(at)), this.#exec)).immediate();
  }

  async markFailed(id: number, error: string, nextAttemptAt: string): Promise<void> {
    this.#s.failed.run(cleanError(error), toIso(nextAttemptAt), id);
  }

  async listOutbox(filter: { pending?: boolean } = {}): Promise<OutboxMessage[]> {
    const where = filter.pending === undefined ? '' : filter.pending ? 'WHERE delivered_at IS NULL' : 'WHERE delivered_at IS NOT NULL';
    return this.#all(`SELECT * FROM outbox ${where} ORDER BY id`, []).map(message);
  }

  async acquireLease(name: string, holder: string, until: string, at: string): Promise<boolean> {
    const params = { name, holder, until: toIso(until), at: toIso(at) };
    // IMMEDIATE: the write lock is taken before the row is judged, so two processes never both win.
    return this.#db.transaction(() => this.#s.acquireLease.run(params).changes === 1).immediate();
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    this.#s.releaseLease.run(name, holder);
  }

  async compactSamples(before: string, options: { budget?: number } = {}): Promise<CompactResult> {
    // One day per transaction: a scan waiting on the write lock waits for one day's fold, not the backlog's.
    return compactLoop(
      before,
      options.budget ?? 50_000,
      async () => (this.#s.oldestSample.get()?.['at'] as string | null | undefined) ?? null,
      async (day) => this.#db.transaction(() => runSync(foldDayFlow(day), this.#exec)).immediate(),
    );
  }

  async stats(): Promise<StoreStats> {
    return sqliteStats(this.#db);
  }

  #all(sql: string, params: readonly Param[]): Row[] {
    return this.#db.prepare<unknown[], Row>(sql).all(...params);
  }

  /** The flows' operations (flows.ts) in SQLite's SQL; always called inside a transaction. */
  readonly #exec = (op: Op): unknown => {
    const s = this.#s;
    const one = (row: Row | undefined): Row => {
      if (!row) throw new Error(`${op.op}: no row`);
      return row;
    };
    switch (op.op) {
      case 'drift': {
        const row = this.#find(op.key);
        return row ? drift(row) : null;
      }
      case 'liveDriftsIn':
        return s.liveDriftsIn.all(op.connector, op.endpoint).map(drift);
      case 'insertDrift':
        return drift(one(s.insertDrift.get(...encodeRow(D, DRIFTS, op.row))));
      case 'updateDrift':
        return drift(one(s.updateDrift.get(...encodeRow(D, DRIFTS, op.row, DRIFT_UPDATE_COLUMNS), op.id)));
      case 'acknowledge':
        return drift(one(s.acknowledge.get(op.at, op.note, op.id)));
      case 'acceptLive':
        return (op.endpoint === undefined ? s.acceptConnector.all(op.at, op.connector) : s.acceptEndpoint.all(op.at, op.connector, op.endpoint)).map((r) => ({
          id: Number(r['id']),
          fingerprint: String(r['fingerprint']),
        }));
      case 'appendEvent':
        s.insertEvent.run(...encodeRow(D, EVENTS, op.row));
        return undefined;
      case 'enqueue':
        return s.enqueue.run(...encodeRow(D, OUTBOX, op.row)).changes === 1;
      case 'markDelivered': {
        const row = s.delivered.get(op.at, op.id);
        return row ? { target: String(row['target']), fingerprints: JSON.parse(String(row['fingerprints'])) as string[] } : null;
      }
      case 'takeSamples': {
        const facts: SampleFact[] = s.samplesOfDay.all(op.start, op.end).map((r) => ({
          connector: String(r['connector']),
          endpoint: String(r['endpoint']),
          ok: r['ok'] === 1,
          errorKind: (r['error_kind'] as string | null) ?? null,
          latencyMs: Number(r['latency_ms']),
        }));
        s.deleteDay.run(op.start, op.end);
        return facts;
      }
      case 'daysOf':
        return s.daysOf.all(op.day).map((r) => decodeRow(D, SAMPLE_DAYS, r));
      case 'saveDay':
        s.saveDay.run(...encodeRow(D, SAMPLE_DAYS, op.row));
        return undefined;
    }
  };

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}
