// The team history store: the same ports on PostgreSQL (pg), safe with many scanners and notifiers at once.
// Over 300 lines: one method per port operation, each only its dialect's SQL and transaction around shared pure steps.
import pg from 'pg';
import { inputError } from '../errors.js';
import type { Finding, SampleOutcome, SeverityCounts } from '../core/model.js';
import { decodeRow, encodeRow, insertSql, postgresDialect as D, selectList, updateSql, type Param } from './dialects.js';
import { cleanError, toIso } from './drift-plan.js';
import { acceptFlow, acknowledgeLine, compactLoop, decideFlow, deliveredFlow, foldDayFlow, recordFlow, runAsync, type Op } from './flows.js';
import { driftWhere, eventWhere, sampleDayWhere, sampleWhere } from './filters.js';
import type { HistoryStore } from './history-store.js';
import { postgresMigrations } from './migrations/postgres.js';
import type { Migration } from './migrations/sqlite.js';
import type { EventFilter, FindingStory } from './ports/events.js';
import { SYSTEM_ACTOR, type DriftEvent, type DriftFilter, type RecordedFindings, type RecordFindingsInput, type RunScope } from './ports/findings.js';
import type { CompactResult, StoreStats } from './ports/maintenance.js';
import type { OutboxDraft } from './ports/outbox.js';
import type { SampleFilter } from './ports/samples.js';
import { postgresStats } from './postgres-stats.js';
import { outboxRow, runRow, sampleRow, summaryOf } from './rows.js';
import { writable } from './schema.js';
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

type Row = Record<string, unknown>;
type Client = pg.Pool | pg.PoolClient;

export interface PostgresStoreOptions {
  /** Keep driftwatch's tables in this schema (created if missing) instead of the connection's default. */
  schema?: string;
  /** Pool size per store instance. */
  maxConnections?: number;
  /** Only a store that is already there: an empty database is refused (exit 2), never given driftwatch's tables. */
  mustExist?: boolean;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

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

/** Opens a pooled PostgreSQL history store and brings its schema up to date. */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<HistoryStore> {
  const { schema } = options;
  if (schema !== undefined && !IDENTIFIER.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const pool = new pg.Pool({ connectionString: withSearchPath(url, schema), max: options.maxConnections ?? 4 });
  // An idle pooled connection dropped by the server is replaced on next use; it must not crash the process.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      if (options.mustExist && !(await hasStore(client))) throw inputError(`no history store in ${describeDatabase(url)}${schema ? ` (schema ${schema})` : ''}: run \`driftwatch scan\` against it first, or point --db (or DRIFTWATCH_DB) at the store`);
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

/** Whether driftwatch's migrations table is on the connection's search path. */
async function hasStore(client: pg.PoolClient): Promise<boolean> {
  const { rows } = await client.query<{ found: string | null }>(`SELECT to_regclass('schema_migrations')::text AS found`);
  return rows[0]?.found !== null && rows[0]?.found !== undefined;
}

/** `host:port/database`: the URL without its user and password, fit for an error message. */
function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    return `postgres://${u.host}${u.pathname}`;
  } catch {
    return 'the PostgreSQL database';
  }
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

const RUN_COLUMNS = selectList(D, RUNS);
const DRIFT_COLUMNS = selectList(D, DRIFTS);
const OUTBOX_COLUMNS = selectList(D, OUTBOX);
const DRIFT_UPDATE = updateSql(D, DRIFTS, ['fingerprint']);
const INSERT_DRIFT = insertSql(D, DRIFTS, `ON CONFLICT (fingerprint) DO NOTHING RETURNING ${DRIFT_COLUMNS}`);
const UPDATE_DRIFT = `${DRIFT_UPDATE.sql} WHERE id = $${DRIFT_UPDATE.columns.length + 1} RETURNING ${DRIFT_COLUMNS}`;
const INSERT_EVENT = insertSql(D, EVENTS);
const ENQUEUE = insertSql(D, OUTBOX, 'ON CONFLICT (key) DO NOTHING');
const SAVE_DAY = insertSql(
  D,
  SAMPLE_DAYS,
  'ON CONFLICT (connector, endpoint, day) DO UPDATE SET samples = excluded.samples, ok = excluded.ok, failures = excluded.failures, p50 = excluded.p50, p95 = excluded.p95',
);
const LIVE = `status IN ('open', 'acknowledged')`;
/** Serialises the writers of drifts per schema: a resolve pass must see every other run's upserts. */
const DRIFTS_LOCK = `SELECT pg_advisory_xact_lock(hashtext(coalesce(current_schema(), '') || ':driftwatch:drifts'))`;

const drift = (row: Row): DriftRecord => decodeRow(D, DRIFTS, row);
const message = (row: Row): OutboxMessage => decodeRow(D, OUTBOX, row);

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

  async #rows(sql: string, params: readonly Param[] = [], client: Client = this.#pool): Promise<Row[]> {
    return (await client.query<Row>(sql, [...params])).rows;
  }

  async startRun(kind: RunKind, connectors: string[], at: string): Promise<RunRecord> {
    const [row] = await this.#rows(insertSql(D, RUNS, `RETURNING ${RUN_COLUMNS}`), encodeRow(D, RUNS, runRow(kind, connectors, at)));
    return decodeRow(D, RUNS, single(row));
  }

  async finishRun(runId: number, summary: SeverityCounts & { errors: number }, at: string): Promise<void> {
    await this.#rows('UPDATE runs SET finished = true, finished_at = $1::timestamptz, summary = $2::jsonb WHERE id = $3', [toIso(at), JSON.stringify(summaryOf(summary)), runId]);
  }

  async listRuns(limit = 50): Promise<RunRecord[]> {
    return (await this.#rows(`SELECT ${RUN_COLUMNS} FROM runs ORDER BY id DESC LIMIT $1`, [limit])).map((r) => decodeRow(D, RUNS, r));
  }

  async unfinishedRuns(): Promise<RunRecord[]> {
    return (await this.#rows(`SELECT ${RUN_COLUMNS} FROM runs WHERE NOT finished ORDER BY id`)).map((r) => decodeRow(D, RUNS, r));
  }

  async recordSamples(runId: number, outcomes: SampleOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    const cols = writable(SAMPLES);
    const values: Param[] = [];
    const tuples: string[] = [];
    for (const o of outcomes) {
      const base = values.length;
      tuples.push(`(${cols.map((c, i) => D.param(base + i + 1, c)).join(', ')})`);
      values.push(...encodeRow(D, SAMPLES, sampleRow(runId, o)));
    }
    // One statement: the batch lands whole or not at all.
    await this.#rows(`INSERT INTO samples (${cols.map((c) => c.name).join(', ')}) VALUES ${tuples.join(', ')}`, values);
  }

  async listSamples(filter: SampleFilter): Promise<StoredSample[]> {
    const w = sampleWhere(D, filter);
    return (await this.#rows(`SELECT ${selectList(D, SAMPLES)} FROM samples ${w.sql} ORDER BY taken_at, id`, w.params)).map((r) => decodeRow(D, SAMPLES, r));
  }

  async listSampleDays(filter: SampleFilter): Promise<SampleDay[]> {
    const w = sampleDayWhere(D, filter);
    return (await this.#rows(`SELECT ${selectList(D, SAMPLE_DAYS)} FROM sample_days ${w.sql} ORDER BY day, connector, endpoint`, w.params)).map((r) =>
      decodeRow(D, SAMPLE_DAYS, r),
    );
  }

  async recordChanges(runId: number, changes: readonly Finding[], scope: RunScope, at: string): Promise<DriftEvent[]> {
    return (await this.recordFindings({ runId, changes, scope, at })).events;
  }

  async recordFindings(input: RecordFindingsInput): Promise<RecordedFindings> {
    return this.#tx(async (c) => {
      await c.query(DRIFTS_LOCK);
      return runAsync(recordFlow(input, toIso(input.at)), this.#exec(c));
    });
  }

  async listDrifts(filter: DriftFilter = {}): Promise<DriftRecord[]> {
    const w = driftWhere(D, filter);
    const limit = filter.limit === undefined ? '' : ` LIMIT ${w.next()}`;
    const params = filter.limit === undefined ? w.params : [...w.params, filter.limit];
    return (await this.#rows(`SELECT ${DRIFT_COLUMNS} FROM drifts ${w.sql} ORDER BY last_seen_at DESC, id DESC${limit}`, params)).map(drift);
  }

  async getDrift(idOrFingerprint: number | string, client: Client = this.#pool): Promise<DriftRecord | null> {
    const [row] = await this.#rows(`SELECT ${DRIFT_COLUMNS} FROM drifts WHERE ${matchDrift(idOrFingerprint)}`, [idOrFingerprint], client);
    return row ? drift(row) : null;
  }

  async acceptDrifts(connector: string, endpoint: string | undefined, at: string, actor = SYSTEM_ACTOR): Promise<number> {
    return this.#tx(async (c) => {
      await c.query(DRIFTS_LOCK);
      return runAsync(acceptFlow(connector, endpoint, toIso(at), actor), this.#exec(c));
    });
  }

  async acknowledgeDrift(idOrFingerprint: number | string, note: string | undefined, at: string, actor = SYSTEM_ACTOR): Promise<DriftRecord | null> {
    return this.#decide(idOrFingerprint, note ?? null, at, actor, acknowledgeLine(note ?? null));
  }

  async ignoreDrift(idOrFingerprint: number | string, note: string, at: string, actor = SYSTEM_ACTOR): Promise<DriftRecord | null> {
    return this.#decide(idOrFingerprint, note, at, actor, () => 'ignored');
  }

  #decide(key: number | string, note: string | null, at: string, actor: string, kind: (before: DriftRecord) => FindingEventKind | null): Promise<DriftRecord | null> {
    return this.#tx((c) => runAsync(decideFlow(key, note, toIso(at), actor, kind), this.#exec(c)));
  }

  async storyOf(idOrFingerprint: number | string): Promise<FindingStory | null> {
    const d = await this.getDrift(idOrFingerprint);
    if (!d) return null;
    const rows = await this.#rows(`SELECT ${selectList(D, EVENTS)} FROM events WHERE drift_id = $1 ORDER BY id`, [d.id]);
    return { drift: d, events: rows.map((r) => decodeRow(D, EVENTS, r)) };
  }

  async listEvents(filter: EventFilter = {}): Promise<FindingEvent[]> {
    const w = eventWhere(D, filter);
    const limit = filter.limit === undefined ? '' : ` LIMIT ${w.next()}`;
    const params = filter.limit === undefined ? w.params : [...w.params, filter.limit];
    return (await this.#rows(`SELECT ${selectList(D, EVENTS)} FROM events ${w.sql} ORDER BY id${limit}`, params)).map((r) => decodeRow(D, EVENTS, r));
  }

  async readBaselines(connector: string): Promise<LearnedBaseline[]> {
    return (await this.#rows(`SELECT ${selectList(D, BASELINES)} FROM baselines WHERE connector = $1`, [connector])).map((r) => decodeRow(D, BASELINES, r));
  }

  async saveBaselines(baselines: readonly LearnedBaseline[]): Promise<void> {
    if (baselines.length === 0) return;
    const sql = insertSql(
      D,
      BASELINES,
      `ON CONFLICT (connector, endpoint) DO UPDATE SET snapshot_version = excluded.snapshot_version,
       schema = excluded.schema, runs = excluded.runs, updated_at = excluded.updated_at`,
    );
    await this.#tx(async (c) => {
      for (const b of baselines) await this.#rows(sql, encodeRow(D, BASELINES, b), c);
    });
  }

  async enqueue(draft: OutboxDraft): Promise<boolean> {
    return (await this.#pool.query(ENQUEUE, encodeRow(D, OUTBOX, outboxRow(draft)))).rowCount === 1;
  }

  async claimDue(at: string, leaseUntil: string, limit = 50): Promise<OutboxMessage[]> {
    // SKIP LOCKED: a concurrent claimer passes over rows another one is leasing instead of waiting for them.
    // A claim is a delivery attempt: a process killed mid-delivery still counts it.
    const rows = await this.#rows(
      `WITH due AS (
         SELECT id, next_attempt_at AS due_at FROM outbox
         WHERE delivered_at IS NULL AND next_attempt_at <= $1::timestamptz
         ORDER BY next_attempt_at, created_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
       UPDATE outbox o SET next_attempt_at = $2::timestamptz, attempts = o.attempts + 1
       FROM due WHERE o.id = due.id
       RETURNING ${selectList(D, OUTBOX, 'o')}, due.due_at`,
      [toIso(at), toIso(leaseUntil), limit],
    );
    const due = (r: Row): number => (r['due_at'] as Date).getTime();
    rows.sort((a, b) => due(a) - due(b) || (a['created_at'] as Date).getTime() - (b['created_at'] as Date).getTime() || Number(a['id']) - Number(b['id']));
    return rows.map(message);
  }

  async markDelivered(id: number, at: string): Promise<void> {
    await this.#tx((c) => runAsync(deliveredFlow(id, toIso(at)), this.#exec(c)));
  }

  async markFailed(id: number, error: string, nextAttemptAt: string): Promise<void> {
    await this.#rows('UPDATE outbox SET last_error = $1, next_attempt_at = $2::timestamptz WHERE id = $3', [cleanError(error), toIso(nextAttemptAt), id]);
  }

  async listOutbox(filter: { pending?: boolean } = {}): Promise<OutboxMessage[]> {
    const where = filter.pending === undefined ? '' : filter.pending ? 'WHERE delivered_at IS NULL' : 'WHERE delivered_at IS NOT NULL';
    return (await this.#rows(`SELECT ${OUTBOX_COLUMNS} FROM outbox ${where} ORDER BY id`)).map(message);
  }

  async acquireLease(name: string, holder: string, until: string, at: string): Promise<boolean> {
    // One statement: a concurrent insert of the same name waits on the key, then re-checks the WHERE against
    // the committed row, so exactly one of many acquirers gets a row back.
    const rows = await this.#rows(
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
    await this.#rows('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
  }

  async compactSamples(before: string, options: { budget?: number } = {}): Promise<CompactResult> {
    return compactLoop(
      before,
      options.budget ?? 50_000,
      async () => {
        const [row] = await this.#rows('SELECT min(taken_at) AS at FROM samples');
        return row?.['at'] instanceof Date ? row['at'].toISOString() : null;
      },
      (day) => this.#tx((c) => runAsync(foldDayFlow(day), this.#exec(c))),
    );
  }

  /** The flows' operations (flows.ts) in PostgreSQL's SQL, on the transaction's connection. */
  #exec(c: pg.PoolClient): (op: Op) => Promise<unknown> {
    const first = async (sql: string, params: readonly Param[]): Promise<Row> => single((await this.#rows(sql, params, c))[0]);
    return async (op) => {
      switch (op.op) {
        case 'drift': {
          const [row] = await this.#rows(`SELECT ${DRIFT_COLUMNS} FROM drifts WHERE ${matchDrift(op.key)} FOR UPDATE`, [op.key], c);
          return row ? drift(row) : null;
        }
        case 'liveDriftsIn':
          return (await this.#rows(`SELECT ${DRIFT_COLUMNS} FROM drifts WHERE connector = $1 AND endpoint = $2 AND ${LIVE} ORDER BY id FOR UPDATE`, [op.connector, op.endpoint], c)).map(drift);
        case 'insertDrift':
          // Under the drifts lock nobody else inserts it: a missing row would be a bug to hear about.
          return drift(await first(INSERT_DRIFT, encodeRow(D, DRIFTS, op.row)));
        case 'updateDrift':
          return drift(await first(UPDATE_DRIFT, [...encodeRow(D, DRIFTS, op.row, DRIFT_UPDATE.columns), op.id]));
        case 'acknowledge':
          return drift(
            await first(
              `UPDATE drifts SET updated_at = $2::timestamptz, note = COALESCE($3, note), status = CASE WHEN ${LIVE} THEN 'acknowledged' ELSE status END
               WHERE id = $1 RETURNING ${DRIFT_COLUMNS}`,
              [op.id, op.at, op.note],
            ),
          );
        case 'acceptLive': {
          const params: Param[] = [op.at, op.connector, ...(op.endpoint === undefined ? [] : [op.endpoint])];
          const rows = await this.#rows(
            `UPDATE drifts SET status = 'accepted', updated_at = $1::timestamptz
             WHERE connector = $2 AND ${LIVE} AND ',' || source || ',' NOT LIKE '%,pact,%' ${op.endpoint === undefined ? '' : 'AND endpoint = $3'}
             RETURNING id, fingerprint`,
            params,
            c,
          );
          return rows.map((r) => ({ id: Number(r['id']), fingerprint: String(r['fingerprint']) }));
        }
        case 'appendEvent':
          await this.#rows(INSERT_EVENT, encodeRow(D, EVENTS, op.row), c);
          return undefined;
        case 'enqueue':
          return (await c.query(ENQUEUE, encodeRow(D, OUTBOX, op.row))).rowCount === 1;
        case 'markDelivered': {
          const [row] = await this.#rows('UPDATE outbox SET delivered_at = $1::timestamptz WHERE id = $2 AND delivered_at IS NULL RETURNING target, fingerprints', [op.at, op.id], c);
          return row ? { target: String(row['target']), fingerprints: row['fingerprints'] as string[] } : null;
        }
        case 'takeSamples':
          // Deleted and read in one statement: a sample written meanwhile is either folded or left for the next pass.
          return (
            await this.#rows(
              'DELETE FROM samples WHERE taken_at >= $1::timestamptz AND taken_at < $2::timestamptz RETURNING connector, endpoint, ok, error_kind, latency_ms',
              [op.start, op.end],
              c,
            )
          ).map((r) => ({ connector: String(r['connector']), endpoint: String(r['endpoint']), ok: r['ok'] === true, errorKind: (r['error_kind'] as string | null) ?? null, latencyMs: Number(r['latency_ms']) }));
        case 'daysOf':
          return (await this.#rows(`SELECT ${selectList(D, SAMPLE_DAYS)} FROM sample_days WHERE day = $1 FOR UPDATE`, [op.day], c)).map((r) => decodeRow(D, SAMPLE_DAYS, r));
        case 'saveDay':
          await this.#rows(SAVE_DAY, encodeRow(D, SAMPLE_DAYS, op.row), c);
          return undefined;
      }
    };
  }

  async stats(): Promise<StoreStats> {
    return postgresStats((sql, params) => this.#rows(sql, params));
  }

  async close(): Promise<void> {
    if (!this.#pool.ended) await this.#pool.end();
  }
}

function matchDrift(idOrFingerprint: number | string): string {
  return typeof idOrFingerprint === 'number' ? 'id = $1::bigint' : 'fingerprint = $1';
}

function single<T>(row: T | undefined): T {
  if (row === undefined) throw new Error('expected one row, got none');
  return row;
}
