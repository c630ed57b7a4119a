// The default history store: one SQLite file (better-sqlite3, WAL), migrated on open; its transactions are synchronous.
// Over 300 lines: one method per port operation, each only its dialect's transaction around shared pure steps.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Finding, SampleOutcome, SeverityCounts } from '../core/model.js';
import { decodeRow, encodeRow, sqliteDialect as D, type Param } from './dialects.js';
import { cleanError, planDrift, planResolve, resolvableBy, scopePlaces, storyLines, toIso, uniqueByFingerprint } from './drift-plan.js';
import { driftWhere, eventWhere, sampleDayWhere, sampleWhere } from './filters.js';
import type { HistoryStore } from './history-store.js';
import { sqliteMigrations, type Migration } from './migrations/sqlite.js';
import type { FindingStory, EventFilter } from './ports/events.js';
import { SYSTEM_ACTOR, type DriftEvent, type DriftFilter, type RecordedFindings, type RecordFindingsInput, type RunScope } from './ports/findings.js';
import type { CompactResult, StoreStats } from './ports/maintenance.js';
import type { OutboxDraft } from './ports/outbox.js';
import type { SampleFilter } from './ports/samples.js';
import { driftRow, eventRow, outboxRow, runRow, sampleRow, summaryOf } from './rows.js';
import { dayOf, foldDay, nextDayStart, type SampleFact } from './sample-days.js';
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
    const actor = input.actor ?? SYSTEM_ACTOR;
    const s = this.#s;
    const write = (existing: DriftRecord | null, next: Parameters<typeof driftRow>[0]): DriftRecord => {
      const saved = existing
        ? s.updateDrift.get(...encodeRow(D, DRIFTS, driftRow(next, when), DRIFT_UPDATE_COLUMNS), existing.id)
        : s.insertDrift.get(...encodeRow(D, DRIFTS, driftRow(next, when)));
      if (!saved) throw new Error(`drift ${next.fingerprint} was not written`);
      return drift(saved);
    };
    const tell = (d: DriftRecord, kind: FindingEventKind, note: string | null): void => {
      s.insertEvent.run(...encodeRow(D, EVENTS, eventRow(d, kind, when, actor, note, input.runId)));
    };
    // IMMEDIATE takes the write lock before reading, so two scans cannot both decide "insert".
    return this.#db
      .transaction((): RecordedFindings => {
        const events: DriftEvent[] = [];
        const unique = uniqueByFingerprint(input.changes);
        for (const change of unique) {
          const row = s.driftByFingerprint.get(change.fingerprint);
          const existing = row ? drift(row) : null;
          const plan = planDrift(existing, change, input.runId, when);
          const saved = write(existing, plan.next);
          for (const line of storyLines(existing, plan, change)) tell(saved, line.kind, line.note);
          events.push({ kind: plan.event, drift: saved });
        }
        const seen = new Set(unique.map((c) => c.fingerprint));
        for (const place of scopePlaces(input.scope)) {
          for (const row of s.liveDriftsIn.all(place.connector, place.endpoint)) {
            const live = drift(row);
            if (seen.has(live.fingerprint) || !resolvableBy(live, place.sources)) continue;
            const saved = write(live, planResolve(live, when));
            tell(saved, 'resolved', null);
            events.push({ kind: 'resolved', drift: saved });
          }
        }
        const enqueued = (input.compose?.(events) ?? []).filter((m) => this.#enqueue(m));
        return { events, enqueued };
      })
      .immediate();
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
    const when = toIso(at);
    return this.#db
      .transaction((): number => {
        const rows = endpoint === undefined ? this.#s.acceptConnector.all(when, connector) : this.#s.acceptEndpoint.all(when, connector, endpoint);
        for (const row of rows) {
          this.#s.insertEvent.run(...encodeRow(D, EVENTS, eventRow({ id: Number(row['id']), fingerprint: String(row['fingerprint']) }, 'accepted', when, actor, null, null)));
        }
        return rows.length;
      })
      .immediate();
  }

  async acknowledgeDrift(idOrFingerprint: number | string, note: string | undefined, at: string, actor = SYSTEM_ACTOR): Promise<DriftRecord | null> {
    return this.#decide(idOrFingerprint, note ?? null, at, actor, (before) => (isLive(before) ? 'acknowledged' : note ? 'noted' : null));
  }

  async ignoreDrift(idOrFingerprint: number | string, note: string, at: string, actor = SYSTEM_ACTOR): Promise<DriftRecord | null> {
    return this.#decide(idOrFingerprint, note, at, actor, () => 'ignored');
  }

  /** A person's decision on one drift: its row and its story line change together. */
  #decide(idOrFingerprint: number | string, note: string | null, at: string, actor: string, kind: (before: DriftRecord) => FindingEventKind | null): Promise<DriftRecord | null> {
    const when = toIso(at);
    return Promise.resolve(
      this.#db
        .transaction((): DriftRecord | null => {
          const row = this.#find(idOrFingerprint);
          if (!row) return null;
          const before = drift(row);
          const saved = this.#s.acknowledge.get(when, note, before.id);
          if (!saved) return null;
          const line = kind(before);
          if (line) this.#s.insertEvent.run(...encodeRow(D, EVENTS, eventRow(before, line, when, actor, note, null)));
          return drift(saved);
        })
        .immediate(),
    );
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
    return this.#enqueue(draft);
  }

  #enqueue(draft: OutboxDraft): boolean {
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
    const when = toIso(at);
    this.#db
      .transaction(() => {
        const row = this.#s.delivered.get(when, id);
        if (!row) return;
        for (const fingerprint of JSON.parse(String(row['fingerprints'])) as string[]) {
          const found = this.#s.driftOfFingerprint.get(fingerprint);
          if (found) this.#s.insertEvent.run(...encodeRow(D, EVENTS, eventRow({ id: Number(found['id']), fingerprint }, 'notified', when, SYSTEM_ACTOR, String(row['target']), null)));
        }
      })
      .immediate();
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
    const cutoff = dayOf(before);
    const budget = options.budget ?? 50_000;
    const result: CompactResult = { days: [], samples: 0 };
    while (result.samples < budget) {
      const oldest = this.#s.oldestSample.get()?.['at'];
      if (typeof oldest !== 'string' || dayOf(oldest) >= cutoff) break;
      const day = dayOf(oldest);
      const start = `${day}T00:00:00.000Z`;
      const end = nextDayStart(day);
      // One day per transaction: a scan waiting on the write lock waits for one day's fold, not the backlog's.
      result.samples += this.#db
        .transaction((): number => {
          const facts: SampleFact[] = this.#s.samplesOfDay.all(start, end).map((r) => ({
            connector: String(r['connector']),
            endpoint: String(r['endpoint']),
            ok: r['ok'] === 1,
            errorKind: (r['error_kind'] as string | null) ?? null,
            latencyMs: Number(r['latency_ms']),
          }));
          const previous = this.#s.daysOf.all(day).map((r) => decodeRow(D, SAMPLE_DAYS, r));
          for (const row of foldDay(day, facts, previous)) this.#s.saveDay.run(...encodeRow(D, SAMPLE_DAYS, row));
          this.#s.deleteDay.run(start, end);
          return facts.length;
        })
        .immediate();
      result.days.push(day);
    }
    return result;
  }

  async stats(): Promise<StoreStats> {
    return sqliteStats(this.#db);
  }

  #all(sql: string, params: readonly Param[]): Row[] {
    return this.#db.prepare<unknown[], Row>(sql).all(...params);
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}

function isLive(d: DriftRecord): boolean {
  return d.status === 'open' || d.status === 'acknowledged';
}
