// The team history store: the same contract on PostgreSQL (pg), safe with many scanners and notifiers at once.
import pg from 'pg';
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
import { postgresMigrations } from './migrations/postgres.js';
import type { Migration } from './migrations/sqlite.js';

type Param = string | number | boolean | null;

export interface PostgresStoreOptions {
  /** Keep driftwatch's tables in this schema (created if missing) instead of the connection's default. */
  schema?: string;
  /** Pool size per store instance. */
  maxConnections?: number;
}

interface RunRow {
  id: string;
  kind: RunKind;
  started_at: Date;
  finished_at: Date | null;
  finished: boolean;
  connectors: string[];
  summary: RunRecord['summary'];
}

interface SampleRow {
  run_id: string;
  connector: string;
  endpoint: string;
  taken_at: Date;
  ok: boolean;
  status: number | null;
  latency_ms: number;
  size_bytes: string | null;
  body_hash: string | null;
  error_kind: string | null;
}

interface DriftRow {
  id: string;
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
  pinned: boolean | null;
  suppressed: boolean;
  first_seen_run: string;
  first_seen_at: Date;
  last_seen_run: string;
  last_seen_at: Date;
  resolved_at: Date | null;
  note: string | null;
  evidence: DriftRecord['evidence'];
}

interface OutboxRow {
  id: string;
  key: string;
  connector: string;
  target: string;
  payload_json: string;
  created_at: Date;
  attempts: number;
  next_attempt_at: Date;
  delivered_at: Date | null;
  last_error: string | null;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Opens a pooled PostgreSQL history store and brings its schema up to date. */
/**
 * CREATE SCHEMA IF NOT EXISTS is not safe against itself: two stores opening a new schema at once can both pass the
 * "not exists" test, and the loser fails on the catalogue's unique index. That loser has what it wanted.
 */
async function createSchema(client: pg.PoolClient, schema: string): Promise<void> {
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error;
  }
}

export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<HistoryStore> {
  const { schema } = options;
  if (schema !== undefined && !IDENTIFIER.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const pool = new pg.Pool({ connectionString: withSearchPath(url, schema), max: options.maxConnections ?? 4 });
  // An idle pooled connection dropped by the server is replaced on next use; it must not crash the process.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      if (schema !== undefined) await createSchema(client, schema);
      await migratePostgres(client, postgresMigrations);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresStore(pool);
}

/** Points every pooled connection at `schema` through the startup `options` parameter. */
function withSearchPath(url: string, schema: string | undefined): string {
  if (schema === undefined) return url;
  const u = new URL(url);
  const existing = u.searchParams.get('options');
  u.searchParams.set('options', `${existing ? `${existing} ` : ''}-c search_path=${schema}`);
  return u.toString();
}

/**
 * Applies missing migrations in one transaction under an advisory lock (per schema), so two
 * processes starting on an empty database apply each version once. Returns the versions applied.
 */
export async function migratePostgres(client: pg.ClientBase, migrations: readonly Migration[]): Promise<number[]> {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext(coalesce(current_schema(), '') || ':driftwatch:migrate'))`);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function iso(value: Date): string;
function iso(value: Date | null): string | null;
function iso(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}

function parse(text: string | null): unknown {
  return text === null ? undefined : (JSON.parse(text) as unknown);
}

function toRun(row: RunRow): RunRecord {
  return {
    id: Number(row.id),
    kind: row.kind,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    finished: row.finished,
    connectors: row.connectors,
    summary: row.summary,
  };
}

function toDrift(row: DriftRow): DriftRecord {
  return {
    id: Number(row.id),
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
    pinned: row.pinned,
    suppressed: row.suppressed,
    firstSeenRun: Number(row.first_seen_run),
    firstSeenAt: iso(row.first_seen_at),
    lastSeenRun: Number(row.last_seen_run),
    lastSeenAt: iso(row.last_seen_at),
    resolvedAt: iso(row.resolved_at),
    note: row.note,
    evidence: row.evidence,
  };
}

function toMessage(row: OutboxRow): OutboxMessage {
  return {
    id: Number(row.id),
    key: row.key,
    connector: row.connector,
    target: row.target,
    payload: JSON.parse(row.payload_json) as unknown,
    createdAt: iso(row.created_at),
    attempts: row.attempts,
    nextAttemptAt: iso(row.next_attempt_at),
    deliveredAt: iso(row.delivered_at),
    lastError: row.last_error,
  };
}

// jsonb comes back as text so that JSON null and "no value" (SQL NULL) stay distinct.
const DRIFT_COLUMNS = `id, fingerprint, connector, endpoint, rule, path, severity, source, message,
  before_value::text AS before_json, after_value::text AS after_json, status, pinned, suppressed,
  first_seen_run, first_seen_at, last_seen_run, last_seen_at, resolved_at, note, evidence`;
const OUTBOX_COLUMNS = `id, key, connector, target, payload::text AS payload_json, created_at, attempts,
  next_attempt_at, delivered_at, last_error`;
const WRITE_COLUMNS = [
  'fingerprint', 'connector', 'endpoint', 'rule', 'path', 'severity', 'source', 'message', 'before_value',
  'after_value', 'status', 'pinned', 'suppressed', 'first_seen_run', 'first_seen_at', 'last_seen_run',
  'last_seen_at', 'resolved_at', 'note', 'evidence', 'updated_at',
] as const;
const CASTS: Partial<Record<(typeof WRITE_COLUMNS)[number], string>> = {
  before_value: '::jsonb',
  after_value: '::jsonb',
  first_seen_at: '::timestamptz',
  last_seen_at: '::timestamptz',
  resolved_at: '::timestamptz',
  evidence: '::jsonb',
  updated_at: '::timestamptz',
};
const INSERT_DRIFT = `INSERT INTO drifts (${WRITE_COLUMNS.join(', ')})
  VALUES (${WRITE_COLUMNS.map((c, i) => `$${i + 1}${CASTS[c] ?? ''}`).join(', ')})
  ON CONFLICT (fingerprint) DO NOTHING RETURNING ${DRIFT_COLUMNS}`;
const UPDATE_DRIFT = `UPDATE drifts SET ${WRITE_COLUMNS.map((c, i) => `${c} = $${i + 1}${CASTS[c] ?? ''}`).join(', ')}
  WHERE id = $${WRITE_COLUMNS.length + 1} RETURNING ${DRIFT_COLUMNS}`;

function driftParams(d: DriftState, updatedAt: string): Param[] {
  return [
    d.fingerprint,
    d.connector,
    d.endpoint,
    d.rule,
    d.path,
    d.severity,
    d.source,
    d.message,
    canonicalJson(d.before),
    canonicalJson(d.after),
    d.status,
    d.pinned,
    d.suppressed,
    d.firstSeenRun,
    d.firstSeenAt,
    d.lastSeenRun,
    d.lastSeenAt,
    d.resolvedAt,
    d.note,
    JSON.stringify(d.evidence),
    updatedAt,
  ];
}

class PostgresStore implements HistoryStore {
  readonly kind = 'postgres' as const;
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async #tx<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      // A connection that could not roll back is destroyed rather than handed to the next caller.
      client.release(broken);
    }
  }

  async startRun(kind: RunKind, connectors: string[], at: string): Promise<RunRecord> {
    const { rows } = await this.#pool.query<RunRow>(
      'INSERT INTO runs (kind, started_at, connectors) VALUES ($1, $2::timestamptz, $3::jsonb) RETURNING *',
      [kind, toIso(at), JSON.stringify(connectors)],
    );
    return toRun(single(rows));
  }

  async finishRun(runId: number, summary: SeverityCounts & { errors: number }, at: string): Promise<void> {
    const s = { breaking: summary.breaking, warning: summary.warning, info: summary.info, errors: summary.errors };
    await this.#pool.query('UPDATE runs SET finished = true, finished_at = $1::timestamptz, summary = $2::jsonb WHERE id = $3', [
      toIso(at),
      JSON.stringify(s),
      runId,
    ]);
  }

  async listRuns(limit = 50): Promise<RunRecord[]> {
    const { rows } = await this.#pool.query<RunRow>('SELECT * FROM runs ORDER BY id DESC LIMIT $1', [limit]);
    return rows.map(toRun);
  }

  async unfinishedRuns(): Promise<RunRecord[]> {
    const { rows } = await this.#pool.query<RunRow>('SELECT * FROM runs WHERE NOT finished ORDER BY id');
    return rows.map(toRun);
  }

  async recordSamples(runId: number, outcomes: SampleOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    const values: Param[] = [];
    const tuples: string[] = [];
    for (const o of outcomes) {
      const row: Param[] = o.ok
        ? [runId, o.sample.connector, o.sample.endpoint, toIso(o.sample.takenAt), true, o.sample.status, o.sample.latencyMs, o.sample.sizeBytes, o.sample.bodyHash, null]
        : [runId, o.failure.connector, o.failure.endpoint, toIso(o.failure.takenAt), false, o.failure.status ?? null, o.failure.latencyMs, null, null, o.failure.kind];
      const base = values.length;
      tuples.push(`(${row.map((_, i) => `$${base + i + 1}`).join(', ')})`);
      values.push(...row);
    }
    // One statement: the batch lands whole or not at all.
    await this.#pool.query(
      `INSERT INTO samples (run_id, connector, endpoint, taken_at, ok, status, latency_ms, size_bytes, body_hash, error_kind)
       VALUES ${tuples.join(', ')}`,
      values,
    );
  }

  async listSamples(filter: { connector?: string; endpoint?: string; since?: string }): Promise<StoredSample[]> {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.connector !== undefined) {
      params.push(filter.connector);
      where.push(`connector = $${params.length}`);
    }
    if (filter.endpoint !== undefined) {
      params.push(filter.endpoint);
      where.push(`endpoint = $${params.length}`);
    }
    if (filter.since !== undefined) {
      params.push(toIso(filter.since));
      where.push(`taken_at >= $${params.length}::timestamptz`);
    }
    const { rows } = await this.#pool.query<SampleRow>(
      `SELECT run_id, connector, endpoint, taken_at, ok, status, latency_ms, size_bytes, body_hash, error_kind
       FROM samples ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY taken_at, id`,
      params,
    );
    return rows.map((r) => ({
      runId: Number(r.run_id),
      connector: r.connector,
      endpoint: r.endpoint,
      takenAt: iso(r.taken_at),
      ok: r.ok,
      status: r.status,
      latencyMs: r.latency_ms,
      sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
      bodyHash: r.body_hash,
      errorKind: r.error_kind,
    }));
  }

  async recordChanges(runId: number, changes: Finding[], scope: RunScope, at: string): Promise<DriftEvent[]> {
    const when = toIso(at);
    return this.#tx(async (c) => {
      // Serialises recordChanges per schema: the resolve pass must see every other run's upserts.
      await c.query(`SELECT pg_advisory_xact_lock(hashtext(coalesce(current_schema(), '') || ':driftwatch:drifts'))`);
      const events: DriftEvent[] = [];
      const unique = uniqueByFingerprint(changes);
      for (const change of unique) {
        events.push(await upsertDrift(c, change, runId, when));
      }
      const seen = new Set(unique.map((ch) => ch.fingerprint));
      for (const place of scopePlaces(scope)) {
        const { rows } = await c.query<DriftRow>(
          `SELECT ${DRIFT_COLUMNS} FROM drifts
           WHERE connector = $1 AND endpoint = $2 AND status IN ('open', 'acknowledged')
           ORDER BY id FOR UPDATE`,
          [place.connector, place.endpoint],
        );
        for (const row of rows) {
          if (seen.has(row.fingerprint) || !resolvableBy(toDrift(row), place.sources)) continue;
          const updated = await c.query<DriftRow>(UPDATE_DRIFT, [...driftParams(planResolve(toDrift(row), when), when), row.id]);
          events.push({ kind: 'resolved', drift: toDrift(single(updated.rows)) });
        }
      }
      return events;
    });
  }

  async listDrifts(filter: DriftFilter = {}): Promise<DriftRecord[]> {
    const where: string[] = [];
    const params: Array<string | number> = [];
    for (const key of ['connector', 'endpoint', 'rule', 'status'] as const) {
      const value = filter[key];
      if (value !== undefined) {
        params.push(value);
        where.push(`${key} = $${params.length}`);
      }
    }
    let sql = `SELECT ${DRIFT_COLUMNS} FROM drifts ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY last_seen_at DESC, id DESC`;
    if (filter.limit !== undefined) {
      params.push(filter.limit);
      sql += ` LIMIT $${params.length}`;
    }
    const { rows } = await this.#pool.query<DriftRow>(sql, params);
    return rows.map(toDrift);
  }

  async getDrift(idOrFingerprint: number | string): Promise<DriftRecord | null> {
    const { rows } = await this.#pool.query<DriftRow>(`SELECT ${DRIFT_COLUMNS} FROM drifts WHERE ${matchDrift(idOrFingerprint)}`, [
      idOrFingerprint,
    ]);
    return rows[0] ? toDrift(rows[0]) : null;
  }

  async acceptDrifts(connector: string, endpoint: string | undefined, at: string): Promise<number> {
    const params: string[] = [toIso(at), connector];
    let sql = `UPDATE drifts SET status = 'accepted', updated_at = $1::timestamptz
      WHERE connector = $2 AND status IN ('open', 'acknowledged') AND ',' || source || ',' NOT LIKE '%,pact,%'`;
    if (endpoint !== undefined) {
      params.push(endpoint);
      sql += ' AND endpoint = $3';
    }
    const result = await this.#pool.query(sql, params);
    return result.rowCount ?? 0;
  }

  async readBaselines(connector: string): Promise<LearnedBaseline[]> {
    const { rows } = await this.#pool.query<{ connector: string; endpoint: string; snapshot_version: string; schema: LearnedBaseline['schema']; runs: number; updated_at: Date }>(
      'SELECT connector, endpoint, snapshot_version, schema, runs, updated_at FROM baselines WHERE connector = $1',
      [connector],
    );
    return rows.map((row) => ({
      connector: row.connector,
      endpoint: row.endpoint,
      snapshotVersion: row.snapshot_version,
      schema: row.schema,
      runs: row.runs,
      updatedAt: iso(row.updated_at),
    }));
  }

  async saveBaselines(baselines: readonly LearnedBaseline[]): Promise<void> {
    if (baselines.length === 0) return;
    await this.#tx(async (c) => {
      for (const b of baselines) {
        await c.query(
          `INSERT INTO baselines (connector, endpoint, snapshot_version, schema, runs, updated_at)
           VALUES ($1, $2, $3, $4::jsonb, $5, $6::timestamptz)
           ON CONFLICT (connector, endpoint) DO UPDATE SET snapshot_version = excluded.snapshot_version,
             schema = excluded.schema, runs = excluded.runs, updated_at = excluded.updated_at`,
          [b.connector, b.endpoint, b.snapshotVersion, JSON.stringify(b.schema), b.runs, toIso(b.updatedAt)],
        );
      }
    });
  }

  async acknowledgeDrift(idOrFingerprint: number | string, note: string | undefined, at: string): Promise<DriftRecord | null> {
    // Only a live drift changes status; a note may still be added to an accepted or resolved one (a post-mortem).
    const { rows } = await this.#pool.query<DriftRow>(
      `UPDATE drifts SET updated_at = $2::timestamptz, note = COALESCE($3, note),
         status = CASE WHEN status IN ('open', 'acknowledged') THEN 'acknowledged' ELSE status END
       WHERE ${matchDrift(idOrFingerprint)} RETURNING ${DRIFT_COLUMNS}`,
      [idOrFingerprint, toIso(at), note ?? null],
    );
    return rows[0] ? toDrift(rows[0]) : null;
  }

  async enqueue(message: Omit<OutboxMessage, 'id' | 'attempts' | 'deliveredAt' | 'lastError'>): Promise<boolean> {
    const result = await this.#pool.query(
      `INSERT INTO outbox (key, connector, target, payload, created_at, next_attempt_at)
       VALUES ($1, $2, $3, $4::jsonb, $5::timestamptz, $6::timestamptz) ON CONFLICT (key) DO NOTHING`,
      [
        message.key,
        message.connector,
        message.target,
        JSON.stringify(message.payload ?? null),
        toIso(message.createdAt),
        toIso(message.nextAttemptAt),
      ],
    );
    return result.rowCount === 1;
  }

  async claimDue(at: string, leaseUntil: string, limit = 50): Promise<OutboxMessage[]> {
    // SKIP LOCKED: a concurrent claimer passes over rows another one is leasing instead of waiting for them.
    // A claim is a delivery attempt: a process killed mid-delivery still counts it.
    const { rows } = await this.#pool.query<OutboxRow & { due_at: Date }>(
      `WITH due AS (
         SELECT id, next_attempt_at AS due_at FROM outbox
         WHERE delivered_at IS NULL AND next_attempt_at <= $1::timestamptz
         ORDER BY next_attempt_at, created_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
       UPDATE outbox o SET next_attempt_at = $2::timestamptz, attempts = o.attempts + 1
       FROM due WHERE o.id = due.id
       RETURNING o.id, o.key, o.connector, o.target, o.payload::text AS payload_json, o.created_at, o.attempts,
         o.next_attempt_at, o.delivered_at, o.last_error, due.due_at`,
      [toIso(at), toIso(leaseUntil), limit],
    );
    rows.sort(
      (a, b) =>
        a.due_at.getTime() - b.due_at.getTime() || a.created_at.getTime() - b.created_at.getTime() || Number(a.id) - Number(b.id),
    );
    return rows.map(toMessage);
  }

  async markDelivered(id: number, at: string): Promise<void> {
    await this.#pool.query('UPDATE outbox SET delivered_at = $1::timestamptz WHERE id = $2', [toIso(at), id]);
  }

  async markFailed(id: number, error: string, nextAttemptAt: string): Promise<void> {
    await this.#pool.query('UPDATE outbox SET last_error = $1, next_attempt_at = $2::timestamptz WHERE id = $3', [
      cleanError(error),
      toIso(nextAttemptAt),
      id,
    ]);
  }

  async listOutbox(filter: { pending?: boolean } = {}): Promise<OutboxMessage[]> {
    const where =
      filter.pending === undefined ? '' : filter.pending ? 'WHERE delivered_at IS NULL' : 'WHERE delivered_at IS NOT NULL';
    const { rows } = await this.#pool.query<OutboxRow>(`SELECT ${OUTBOX_COLUMNS} FROM outbox ${where} ORDER BY id`);
    return rows.map(toMessage);
  }

  async acquireLease(name: string, holder: string, until: string, at: string): Promise<boolean> {
    // One statement: a concurrent insert of the same name waits on the key, then re-checks the WHERE against
    // the committed row, so exactly one of many acquirers gets a row back.
    const { rows } = await this.#pool.query<{ holder: string }>(
      `INSERT INTO leases (name, holder, until, acquired_at) VALUES ($1, $2, $3::timestamptz, $4::timestamptz)
       ON CONFLICT (name) DO UPDATE SET
         acquired_at = CASE WHEN leases.holder = excluded.holder THEN leases.acquired_at ELSE excluded.acquired_at END,
         holder = excluded.holder, until = excluded.until
       WHERE leases.holder = excluded.holder OR leases.until <= excluded.acquired_at
       RETURNING holder`,
      [name, holder, toIso(until), toIso(at)],
    );
    return rows.length === 1;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.#pool.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
  }

  async close(): Promise<void> {
    if (!this.#pool.ended) await this.#pool.end();
  }
}

function matchDrift(idOrFingerprint: number | string): string {
  return typeof idOrFingerprint === 'number' ? 'id = $1::bigint' : 'fingerprint = $1';
}

async function upsertDrift(c: pg.PoolClient, change: Finding, runId: number, at: string): Promise<DriftEvent> {
  for (;;) {
    const { rows } = await c.query<DriftRow>(`SELECT ${DRIFT_COLUMNS} FROM drifts WHERE fingerprint = $1 FOR UPDATE`, [
      change.fingerprint,
    ]);
    const existing = rows[0] ? toDrift(rows[0]) : null;
    const { event, next } = planDrift(existing, change, runId, at);
    if (existing) {
      const updated = await c.query<DriftRow>(UPDATE_DRIFT, [...driftParams(next, at), existing.id]);
      return { kind: event, drift: toDrift(single(updated.rows)) };
    }
    const inserted = await c.query<DriftRow>(INSERT_DRIFT, driftParams(next, at));
    if (inserted.rows[0]) return { kind: event, drift: toDrift(inserted.rows[0]) };
    // Someone inserted it without taking the lock (an older writer): read it back and apply the change to it.
  }
}

function single<T>(rows: T[]): T {
  const [row] = rows;
  if (row === undefined) throw new Error('expected one row, got none');
  return row;
}
