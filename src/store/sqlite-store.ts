// The default history store: one SQLite file (better-sqlite3, WAL), migrated on open.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Finding, SampleOutcome, SeverityCounts } from '../core/model.js';
import type {
  DriftEvent,
  DriftFilter,
  DriftRecord,
  DriftStatus,
  HistoryStore,
  LearnedBaseline,
  OutboxMessage,
  RunKind,
  RunRecord,
  RunScope,
  StoredSample,
} from './history-store.js';
import {
  canonicalJson,
  cleanError,
  planDrift,
  planResolve,
  resolvableBy,
  scopePlaces,
  toIso,
  uniqueByFingerprint,
  type DriftState,
} from './drift-plan.js';
import { sqliteMigrations, type Migration } from './migrations/sqlite.js';

type Db = Database.Database;

interface RunRow {
  id: number;
  kind: RunKind;
  started_at: string;
  finished_at: string | null;
  finished: number;
  connectors: string;
  summary: string | null;
}

interface SampleRow {
  run_id: number;
  connector: string;
  endpoint: string;
  taken_at: string;
  ok: number;
  status: number | null;
  latency_ms: number;
  size_bytes: number | null;
  body_hash: string | null;
  error_kind: string | null;
}

interface DriftRow {
  id: number;
  fingerprint: string;
  connector: string;
  endpoint: string;
  rule: string;
  path: string;
  severity: DriftRecord['severity'];
  source: string;
  message: string;
  before_json: string | null;
  after_json: string | null;
  status: DriftStatus;
  pinned: number | null;
  suppressed: number;
  first_seen_run: number;
  first_seen_at: string;
  last_seen_run: number;
  last_seen_at: string;
  resolved_at: string | null;
  note: string | null;
  evidence: string;
}

interface BaselineRow {
  connector: string;
  endpoint: string;
  snapshot_version: string;
  schema: string;
  runs: number;
  updated_at: string;
}

interface OutboxRow {
  id: number;
  key: string;
  connector: string;
  target: string;
  payload: string;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  delivered_at: string | null;
  last_error: string | null;
}

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

function json(value: unknown): string | null {
  return canonicalJson(value);
}

function parse(text: string | null): unknown {
  return text === null ? undefined : (JSON.parse(text) as unknown);
}

function toRun(row: RunRow): RunRecord {
  return {
    id: row.id,
    kind: row.kind,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    finished: row.finished === 1,
    connectors: JSON.parse(row.connectors) as string[],
    summary: row.summary === null ? null : (JSON.parse(row.summary) as RunRecord['summary']),
  };
}

function toDrift(row: DriftRow): DriftRecord {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    connector: row.connector,
    endpoint: row.endpoint,
    rule: row.rule,
    path: row.path,
    severity: row.severity,
    source: row.source,
    message: row.message,
    before: parse(row.before_json),
    after: parse(row.after_json),
    status: row.status,
    pinned: row.pinned === null ? null : row.pinned === 1,
    suppressed: row.suppressed === 1,
    firstSeenRun: row.first_seen_run,
    firstSeenAt: row.first_seen_at,
    lastSeenRun: row.last_seen_run,
    lastSeenAt: row.last_seen_at,
    resolvedAt: row.resolved_at,
    note: row.note,
    evidence: JSON.parse(row.evidence) as DriftRecord['evidence'],
  };
}

function toMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    key: row.key,
    connector: row.connector,
    target: row.target,
    payload: JSON.parse(row.payload) as unknown,
    createdAt: row.created_at,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    deliveredAt: row.delivered_at,
    lastError: row.last_error,
  };
}

function driftParams(d: DriftState, updatedAt: string): Record<string, string | number | null> {
  return {
    fingerprint: d.fingerprint,
    connector: d.connector,
    endpoint: d.endpoint,
    rule: d.rule,
    path: d.path,
    severity: d.severity,
    source: d.source,
    message: d.message,
    before_json: json(d.before),
    after_json: json(d.after),
    status: d.status,
    pinned: d.pinned === null ? null : d.pinned ? 1 : 0,
    suppressed: d.suppressed ? 1 : 0,
    first_seen_run: d.firstSeenRun,
    first_seen_at: d.firstSeenAt,
    last_seen_run: d.lastSeenRun,
    last_seen_at: d.lastSeenAt,
    resolved_at: d.resolvedAt,
    note: d.note,
    evidence: JSON.stringify(d.evidence),
    updated_at: updatedAt,
  };
}

class SqliteStore implements HistoryStore {
  readonly kind = 'sqlite' as const;
  readonly #db: Db;
  readonly #stmt: ReturnType<typeof prepareStatements>;

  constructor(db: Db) {
    this.#db = db;
    this.#stmt = prepareStatements(db);
  }

  async startRun(kind: RunKind, connectors: string[], at: string): Promise<RunRecord> {
    const row = this.#stmt.insertRun.get(kind, toIso(at), JSON.stringify(connectors));
    if (!row) throw new Error('insert into runs returned no row');
    return toRun(row);
  }

  async finishRun(runId: number, summary: SeverityCounts & { errors: number }, at: string): Promise<void> {
    const s = { breaking: summary.breaking, warning: summary.warning, info: summary.info, errors: summary.errors };
    this.#stmt.finishRun.run(toIso(at), JSON.stringify(s), runId);
  }

  async listRuns(limit = 50): Promise<RunRecord[]> {
    return this.#stmt.listRuns.all(limit).map(toRun);
  }

  async unfinishedRuns(): Promise<RunRecord[]> {
    return this.#stmt.unfinishedRuns.all().map(toRun);
  }

  async recordSamples(runId: number, outcomes: SampleOutcome[]): Promise<void> {
    const insert = this.#stmt.insertSample;
    this.#db.transaction(() => {
      for (const o of outcomes) {
        if (o.ok) {
          const s = o.sample;
          insert.run(runId, s.connector, s.endpoint, toIso(s.takenAt), 1, s.status, s.latencyMs, s.sizeBytes, s.bodyHash, null);
        } else {
          const f = o.failure;
          insert.run(runId, f.connector, f.endpoint, toIso(f.takenAt), 0, f.status ?? null, f.latencyMs, null, null, f.kind);
        }
      }
    }).immediate();
  }

  async listSamples(filter: { connector?: string; endpoint?: string; since?: string }): Promise<StoredSample[]> {
    const where: string[] = [];
    const params: Array<string> = [];
    if (filter.connector !== undefined) {
      where.push('connector = ?');
      params.push(filter.connector);
    }
    if (filter.endpoint !== undefined) {
      where.push('endpoint = ?');
      params.push(filter.endpoint);
    }
    if (filter.since !== undefined) {
      where.push('taken_at >= ?');
      params.push(toIso(filter.since));
    }
    const sql = `SELECT run_id, connector, endpoint, taken_at, ok, status, latency_ms, size_bytes, body_hash, error_kind
      FROM samples ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY taken_at, id`;
    return this.#db
      .prepare<string[], SampleRow>(sql)
      .all(...params)
      .map((r) => ({
        runId: r.run_id,
        connector: r.connector,
        endpoint: r.endpoint,
        takenAt: r.taken_at,
        ok: r.ok === 1,
        status: r.status,
        latencyMs: r.latency_ms,
        sizeBytes: r.size_bytes,
        bodyHash: r.body_hash,
        errorKind: r.error_kind,
      }));
  }

  async recordChanges(runId: number, changes: Finding[], scope: RunScope, at: string): Promise<DriftEvent[]> {
    const when = toIso(at);
    const s = this.#stmt;
    const run = this.#db.transaction((): DriftEvent[] => {
      const events: DriftEvent[] = [];
      const unique = uniqueByFingerprint(changes);
      for (const change of unique) {
        const row = s.driftByFingerprint.get(change.fingerprint);
        const { event, next } = planDrift(row ? toDrift(row) : null, change, runId, when);
        const params = driftParams(next, when);
        const saved = row ? s.updateDrift.get({ ...params, id: row.id }) : s.insertDrift.get(params);
        if (!saved) throw new Error(`drift ${change.fingerprint} was not written`);
        events.push({ kind: event, drift: toDrift(saved) });
      }
      const seen = new Set(unique.map((c) => c.fingerprint));
      for (const place of scopePlaces(scope)) {
        for (const row of s.liveDriftsIn.all(place.connector, place.endpoint)) {
          if (seen.has(row.fingerprint) || !resolvableBy(toDrift(row), place.sources)) continue;
          const saved = s.updateDrift.get({ ...driftParams(planResolve(toDrift(row), when), when), id: row.id });
          if (!saved) throw new Error(`drift ${row.fingerprint} was not resolved`);
          events.push({ kind: 'resolved', drift: toDrift(saved) });
        }
      }
      return events;
    });
    // IMMEDIATE takes the write lock before reading, so two scans cannot both decide "insert".
    return run.immediate();
  }

  async listDrifts(filter: DriftFilter = {}): Promise<DriftRecord[]> {
    const where: string[] = [];
    const params: Array<string | number> = [];
    for (const key of ['connector', 'endpoint', 'rule', 'status'] as const) {
      const value = filter[key];
      if (value !== undefined) {
        where.push(`${key} = ?`);
        params.push(value);
      }
    }
    let sql = `SELECT * FROM drifts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY last_seen_at DESC, id DESC`;
    if (filter.limit !== undefined) {
      sql += ' LIMIT ?';
      params.push(filter.limit);
    }
    return this.#db.prepare<Array<string | number>, DriftRow>(sql).all(...params).map(toDrift);
  }

  async getDrift(idOrFingerprint: number | string): Promise<DriftRecord | null> {
    const row = this.#find(idOrFingerprint);
    return row ? toDrift(row) : null;
  }

  #find(idOrFingerprint: number | string): DriftRow | undefined {
    return typeof idOrFingerprint === 'number'
      ? this.#stmt.driftById.get(idOrFingerprint)
      : this.#stmt.driftByFingerprint.get(idOrFingerprint);
  }

  async acceptDrifts(connector: string, endpoint: string | undefined, at: string): Promise<number> {
    const when = toIso(at);
    const result =
      endpoint === undefined
        ? this.#stmt.acceptConnector.run(when, connector)
        : this.#stmt.acceptEndpoint.run(when, connector, endpoint);
    return result.changes;
  }

  async acknowledgeDrift(idOrFingerprint: number | string, note: string | undefined, at: string): Promise<DriftRecord | null> {
    const when = toIso(at);
    return this.#db
      .transaction((): DriftRecord | null => {
        const row = this.#find(idOrFingerprint);
        if (!row) return null;
        const saved = this.#stmt.acknowledge.get(when, note ?? null, row.id);
        return saved ? toDrift(saved) : null;
      })
      .immediate();
  }

  async readBaselines(connector: string): Promise<LearnedBaseline[]> {
    return this.#stmt.baselinesOf.all(connector).map((row) => ({
      connector: row.connector,
      endpoint: row.endpoint,
      snapshotVersion: row.snapshot_version,
      schema: JSON.parse(row.schema) as LearnedBaseline['schema'],
      runs: row.runs,
      updatedAt: row.updated_at,
    }));
  }

  async saveBaselines(baselines: readonly LearnedBaseline[]): Promise<void> {
    this.#db.transaction(() => {
      for (const b of baselines) {
        this.#stmt.saveBaseline.run({
          connector: b.connector,
          endpoint: b.endpoint,
          snapshot_version: b.snapshotVersion,
          schema: JSON.stringify(b.schema),
          runs: b.runs,
          updated_at: toIso(b.updatedAt),
        });
      }
    })();
  }

  async enqueue(message: Omit<OutboxMessage, 'id' | 'attempts' | 'deliveredAt' | 'lastError'>): Promise<boolean> {
    const result = this.#stmt.enqueue.run(
      message.key,
      message.connector,
      message.target,
      JSON.stringify(message.payload ?? null),
      toIso(message.createdAt),
      toIso(message.nextAttemptAt),
    );
    return result.changes === 1;
  }

  async claimDue(at: string, leaseUntil: string, limit = 50): Promise<OutboxMessage[]> {
    const now = toIso(at);
    const lease = toIso(leaseUntil);
    return this.#db
      .transaction((): OutboxMessage[] => {
        const claimed: OutboxMessage[] = [];
        for (const { id } of this.#stmt.dueIds.all(now, limit)) {
          const row = this.#stmt.claim.get(lease, id);
          if (row) claimed.push(toMessage(row));
        }
        return claimed;
      })
      .immediate();
  }

  async markDelivered(id: number, at: string): Promise<void> {
    this.#stmt.delivered.run(toIso(at), id);
  }

  async markFailed(id: number, error: string, nextAttemptAt: string): Promise<void> {
    this.#stmt.failed.run(cleanError(error), toIso(nextAttemptAt), id);
  }

  async listOutbox(filter: { pending?: boolean } = {}): Promise<OutboxMessage[]> {
    const where =
      filter.pending === undefined ? '' : filter.pending ? 'WHERE delivered_at IS NULL' : 'WHERE delivered_at IS NOT NULL';
    return this.#db.prepare<[], OutboxRow>(`SELECT * FROM outbox ${where} ORDER BY id`).all().map(toMessage);
  }

  async acquireLease(name: string, holder: string, until: string, at: string): Promise<boolean> {
    const params = { name, holder, until: toIso(until), at: toIso(at) };
    // IMMEDIATE: the write lock is taken before the row is judged, so two processes never both win.
    return this.#db.transaction(() => this.#stmt.acquireLease.run(params).changes === 1).immediate();
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    this.#stmt.releaseLease.run(name, holder);
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}

const DRIFT_COLUMNS = `fingerprint, connector, endpoint, rule, path, severity, source, message, before_json, after_json,
  status, pinned, suppressed, first_seen_run, first_seen_at, last_seen_run, last_seen_at, resolved_at, note, evidence, updated_at`;

function prepareStatements(db: Db) {
  const columns = DRIFT_COLUMNS.split(',').map((c) => c.trim());
  return {
    insertRun: db.prepare<[RunKind, string, string], RunRow>(
      'INSERT INTO runs (kind, started_at, connectors) VALUES (?, ?, ?) RETURNING *',
    ),
    finishRun: db.prepare<[string, string, number]>('UPDATE runs SET finished = 1, finished_at = ?, summary = ? WHERE id = ?'),
    listRuns: db.prepare<[number], RunRow>('SELECT * FROM runs ORDER BY id DESC LIMIT ?'),
    unfinishedRuns: db.prepare<[], RunRow>('SELECT * FROM runs WHERE finished = 0 ORDER BY id'),
    insertSample: db.prepare<
      [number, string, string, string, number, number | null, number, number | null, string | null, string | null]
    >(
      `INSERT INTO samples (run_id, connector, endpoint, taken_at, ok, status, latency_ms, size_bytes, body_hash, error_kind)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    driftById: db.prepare<[number], DriftRow>('SELECT * FROM drifts WHERE id = ?'),
    driftByFingerprint: db.prepare<[string], DriftRow>('SELECT * FROM drifts WHERE fingerprint = ?'),
    insertDrift: db.prepare<[Record<string, string | number | null>], DriftRow>(
      `INSERT INTO drifts (${DRIFT_COLUMNS}) VALUES (${columns.map((c) => `@${c}`).join(', ')}) RETURNING *`,
    ),
    updateDrift: db.prepare<[Record<string, string | number | null>], DriftRow>(
      `UPDATE drifts SET ${columns.filter((c) => c !== 'fingerprint').map((c) => `${c} = @${c}`).join(', ')}
       WHERE id = @id RETURNING *`,
    ),
    liveDriftsIn: db.prepare<[string, string], DriftRow>(
      `SELECT * FROM drifts WHERE connector = ? AND endpoint = ? AND status IN ('open', 'acknowledged') ORDER BY id`,
    ),
    baselinesOf: db.prepare<[string], BaselineRow>('SELECT * FROM baselines WHERE connector = ?'),
    saveBaseline: db.prepare<[BaselineRow]>(
      `INSERT INTO baselines (connector, endpoint, snapshot_version, schema, runs, updated_at)
       VALUES (@connector, @endpoint, @snapshot_version, @schema, @runs, @updated_at)
       ON CONFLICT (connector, endpoint) DO UPDATE SET snapshot_version = excluded.snapshot_version,
         schema = excluded.schema, runs = excluded.runs, updated_at = excluded.updated_at`,
    ),
    acceptConnector: db.prepare<[string, string]>(
      `UPDATE drifts SET status = 'accepted', updated_at = ? WHERE connector = ? AND status IN ('open', 'acknowledged') AND ',' || source || ',' NOT LIKE '%,pact,%'`,
    ),
    acceptEndpoint: db.prepare<[string, string, string]>(
      `UPDATE drifts SET status = 'accepted', updated_at = ?
       WHERE connector = ? AND endpoint = ? AND status IN ('open', 'acknowledged') AND ',' || source || ',' NOT LIKE '%,pact,%'`,
    ),
    // Only a live drift changes status; a note may still be added to an accepted or resolved one (a post-mortem).
    acknowledge: db.prepare<[string, string | null, number], DriftRow>(
      `UPDATE drifts SET updated_at = ?, note = COALESCE(?, note),
         status = CASE WHEN status IN ('open', 'acknowledged') THEN 'acknowledged' ELSE status END
       WHERE id = ? RETURNING *`,
    ),
    enqueue: db.prepare<[string, string, string, string, string, string]>(
      `INSERT INTO outbox (key, connector, target, payload, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (key) DO NOTHING`,
    ),
    dueIds: db.prepare<[string, number], { id: number }>(
      `SELECT id FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at, id LIMIT ?`,
    ),
    // A claim is a delivery attempt: a process killed mid-delivery still counts it.
    claim: db.prepare<[string, number], OutboxRow>(
      `UPDATE outbox SET next_attempt_at = ?, attempts = attempts + 1 WHERE id = ? AND delivered_at IS NULL RETURNING *`,
    ),
    delivered: db.prepare<[string, number]>('UPDATE outbox SET delivered_at = ? WHERE id = ?'),
    failed: db.prepare<[string, string, number]>('UPDATE outbox SET last_error = ?, next_attempt_at = ? WHERE id = ?'),
    // The upsert changes a row only when the lease is free, expired, or ours: changes === 1 means we hold it.
    acquireLease: db.prepare<[{ name: string; holder: string; until: string; at: string }]>(
      `INSERT INTO leases (name, holder, until, acquired_at) VALUES (@name, @holder, @until, @at)
       ON CONFLICT (name) DO UPDATE SET
         acquired_at = CASE WHEN leases.holder = excluded.holder THEN leases.acquired_at ELSE excluded.acquired_at END,
         holder = excluded.holder, until = excluded.until
       WHERE leases.holder = excluded.holder OR leases.until <= excluded.acquired_at`,
    ),
    releaseLease: db.prepare<[string, string]>('DELETE FROM leases WHERE name = ? AND holder = ?'),
  };
}
