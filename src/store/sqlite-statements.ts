// SQLite's dialect SQL, prepared once per store: column lists come from the table descriptions (tables.ts).
import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { insertSql, sqliteDialect as D, updateSql } from './dialects.js';
import { BASELINES, DRIFTS, EVENTS, OUTBOX, RUNS, SAMPLE_DAYS, SAMPLES } from './tables.js';

export type Row = Record<string, unknown>;
export type Stmt = Statement<unknown[], Row>;

const LIVE = `status IN ('open', 'acknowledged')`;
/** Contract drifts are never accepted by accepting what the vendor sends. */
const NOT_PACT = `',' || source || ',' NOT LIKE '%,pact,%'`;

const driftUpdate = updateSql(D, DRIFTS, ['fingerprint']);
/** The columns, in order, that `updateDrift`'s parameters (before the id) stand for. */
export const DRIFT_UPDATE_COLUMNS = driftUpdate.columns;
const p = (sql: string): string => sql;

const SQL = {
    insertRun: p(insertSql(D, RUNS, 'RETURNING *')),
    finishRun: p('UPDATE runs SET finished = 1, finished_at = ?, summary = ? WHERE id = ?'),
    listRuns: p('SELECT * FROM runs ORDER BY id DESC LIMIT ?'),
    unfinishedRuns: p('SELECT * FROM runs WHERE finished = 0 ORDER BY id'),
    insertSample: p(insertSql(D, SAMPLES)),

    driftById: p('SELECT * FROM drifts WHERE id = ?'),
    driftByFingerprint: p('SELECT * FROM drifts WHERE fingerprint = ?'),
    insertDrift: p(insertSql(D, DRIFTS, 'RETURNING *')),
    updateDrift: p(`${driftUpdate.sql} WHERE id = ? RETURNING *`),
    liveDriftsIn: p(`SELECT * FROM drifts WHERE connector = ? AND endpoint = ? AND ${LIVE} ORDER BY id`),
    acceptConnector: p(`UPDATE drifts SET status = 'accepted', updated_at = ? WHERE connector = ? AND ${LIVE} AND ${NOT_PACT} RETURNING id, fingerprint`),
    acceptEndpoint: p(
      `UPDATE drifts SET status = 'accepted', updated_at = ? WHERE connector = ? AND endpoint = ? AND ${LIVE} AND ${NOT_PACT} RETURNING id, fingerprint`,
    ),
    // Only a live drift changes status; a note may still be added to an accepted or resolved one (a post-mortem).
    acknowledge: p(
      `UPDATE drifts SET updated_at = ?, note = COALESCE(?, note), status = CASE WHEN ${LIVE} THEN 'acknowledged' ELSE status END
       WHERE id = ? RETURNING *`,
    ),
    driftOfFingerprint: p('SELECT id FROM drifts WHERE fingerprint = ?'),

    insertEvent: p(insertSql(D, EVENTS)),
    eventsOf: p('SELECT * FROM events WHERE drift_id = ? ORDER BY id'),

    baselinesOf: p('SELECT * FROM baselines WHERE connector = ?'),
    saveBaseline: p(
      insertSql(
        D,
        BASELINES,
        `ON CONFLICT (connector, endpoint) DO UPDATE SET snapshot_version = excluded.snapshot_version,
         schema = excluded.schema, runs = excluded.runs, updated_at = excluded.updated_at`,
      ),
    ),

    enqueue: p(insertSql(D, OUTBOX, 'ON CONFLICT (key) DO NOTHING')),
    dueIds: p(`SELECT id FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at, id LIMIT ?`),
    // A claim is a delivery attempt: a process killed mid-delivery still counts it.
    claim: p(`UPDATE outbox SET next_attempt_at = ?, attempts = attempts + 1 WHERE id = ? AND delivered_at IS NULL RETURNING *`),
    delivered: p('UPDATE outbox SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL RETURNING target, fingerprints'),
    failed: p('UPDATE outbox SET last_error = ?, next_attempt_at = ? WHERE id = ?'),

    // The upsert changes a row only when the lease is free, expired, or ours: changes === 1 means we hold it.
    acquireLease: p(
      `INSERT INTO leases (name, holder, until, acquired_at) VALUES (@name, @holder, @until, @at)
       ON CONFLICT (name) DO UPDATE SET
         acquired_at = CASE WHEN leases.holder = excluded.holder THEN leases.acquired_at ELSE excluded.acquired_at END,
         holder = excluded.holder, until = excluded.until
       WHERE leases.holder = excluded.holder OR leases.until <= excluded.acquired_at`,
    ),
    releaseLease: p('DELETE FROM leases WHERE name = ? AND holder = ?'),

    oldestSample: p('SELECT min(taken_at) AS at FROM samples'),
    samplesOfDay: p('SELECT connector, endpoint, ok, error_kind, latency_ms FROM samples WHERE taken_at >= ? AND taken_at < ?'),
    deleteDay: p('DELETE FROM samples WHERE taken_at >= ? AND taken_at < ?'),
    daysOf: p('SELECT * FROM sample_days WHERE day = ?'),
    saveDay: p(
      insertSql(
        D,
        SAMPLE_DAYS,
        `ON CONFLICT (connector, endpoint, day) DO UPDATE SET samples = excluded.samples, ok = excluded.ok,
         failures = excluded.failures, p50 = excluded.p50, p95 = excluded.p95`,
      ),
    ),
};

export type Statements = Record<keyof typeof SQL, Stmt>;

/** Each statement is prepared on first use: a short command (`history`) pays only for the few it runs. */
export function prepareStatements(db: Database.Database): Statements {
  const statements = {} as Statements;
  for (const [name, sql] of Object.entries(SQL)) {
    Object.defineProperty(statements, name, {
      configurable: true,
      get: () => {
        const prepared = db.prepare<unknown[], Row>(sql);
        Object.defineProperty(statements, name, { value: prepared });
        return prepared;
      },
    });
  }
  return statements;
}
