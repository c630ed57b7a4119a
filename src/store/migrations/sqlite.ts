// The SQLite schema as an ordered list of migrations; schema_migrations records which versions a file has.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

// Times are stored as canonical ISO-8601 UTC text (`toISOString()`), so text order is time order.
export const sqliteMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'runs-samples-drifts-outbox',
    sql: `
CREATE TABLE runs (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT NOT NULL CHECK (kind IN ('scan', 'verify', 'accept', 'watch')),
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  finished    INTEGER NOT NULL DEFAULT 0 CHECK (finished IN (0, 1)),
  connectors  TEXT NOT NULL DEFAULT '[]',
  summary     TEXT
);
CREATE INDEX runs_unfinished ON runs (finished, id);

CREATE TABLE samples (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  connector   TEXT NOT NULL,
  endpoint    TEXT NOT NULL,
  taken_at    TEXT NOT NULL,
  ok          INTEGER NOT NULL CHECK (ok IN (0, 1)),
  status      INTEGER,
  latency_ms  REAL NOT NULL,
  size_bytes  INTEGER,
  body_hash   TEXT,
  error_kind  TEXT
);
CREATE INDEX samples_by_endpoint ON samples (connector, endpoint, taken_at);
CREATE INDEX samples_by_run ON samples (run_id);

CREATE TABLE drifts (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  fingerprint     TEXT NOT NULL,
  connector       TEXT NOT NULL,
  endpoint        TEXT NOT NULL,
  rule            TEXT NOT NULL,
  path            TEXT NOT NULL,
  severity        TEXT NOT NULL CHECK (severity IN ('breaking', 'warning', 'info')),
  source          TEXT NOT NULL,
  message         TEXT NOT NULL,
  before_json     TEXT,
  after_json      TEXT,
  status          TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'accepted', 'resolved')),
  pinned          INTEGER CHECK (pinned IN (0, 1)),
  suppressed      INTEGER NOT NULL DEFAULT 0 CHECK (suppressed IN (0, 1)),
  first_seen_run  INTEGER NOT NULL REFERENCES runs (id),
  first_seen_at   TEXT NOT NULL,
  last_seen_run   INTEGER NOT NULL REFERENCES runs (id),
  last_seen_at    TEXT NOT NULL,
  resolved_at     TEXT,
  note            TEXT,
  updated_at      TEXT NOT NULL
);
-- The drift key: with the upsert inside BEGIN IMMEDIATE, two scans at once cannot duplicate a drift.
CREATE UNIQUE INDEX drifts_fingerprint ON drifts (fingerprint);
CREATE INDEX drifts_scope ON drifts (connector, endpoint, source, status);
CREATE INDEX drifts_last_seen ON drifts (last_seen_at);

CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  key             TEXT NOT NULL,
  connector       TEXT NOT NULL,
  target          TEXT NOT NULL,
  payload         TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  delivered_at    TEXT,
  last_error      TEXT
);
CREATE UNIQUE INDEX outbox_key ON outbox (key);
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE delivered_at IS NULL;
`,
  },
  {
    version: 2,
    name: 'leases',
    // One row per lease name; an expired row is taken over in place rather than deleted, so the table stays small.
    sql: `
CREATE TABLE leases (
  name        TEXT PRIMARY KEY,
  holder      TEXT NOT NULL,
  until       TEXT NOT NULL,
  acquired_at TEXT NOT NULL
);
`,
  },
  {
    version: 3,
    name: 'evidence-and-learned-baselines',
    // A finding keeps the evidence of every source that saw it; quiet runs' evidence accumulates per endpoint.
    sql: `
ALTER TABLE drifts ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]';
CREATE INDEX drifts_place ON drifts (connector, endpoint, status);

CREATE TABLE baselines (
  connector        TEXT NOT NULL,
  endpoint         TEXT NOT NULL,
  snapshot_version TEXT NOT NULL,
  schema           TEXT NOT NULL,
  runs             INTEGER NOT NULL,
  updated_at       TEXT NOT NULL,
  PRIMARY KEY (connector, endpoint)
);
`,
  },
  {
    version: 4,
    name: 'events-sample-days-paging',
    // One column name in both dialects (the schema describes it once); the append-only story of each finding; the
    // daily rows samples fold into past the retention; an index per paging order (time for retention, drifts by
    // last sighting). samples_by_run only served a cascade that never runs (runs are never deleted).
    sql: `
ALTER TABLE drifts RENAME COLUMN before_json TO before_value;
ALTER TABLE drifts RENAME COLUMN after_json TO after_value;
ALTER TABLE outbox ADD COLUMN fingerprints TEXT NOT NULL DEFAULT '[]';
DROP INDEX drifts_last_seen;
CREATE INDEX drifts_page ON drifts (last_seen_at, id);
DROP INDEX samples_by_run;
CREATE INDEX samples_by_time ON samples (taken_at);

CREATE TABLE events (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  drift_id    INTEGER NOT NULL REFERENCES drifts (id),
  fingerprint TEXT NOT NULL,
  kind        TEXT NOT NULL,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  note        TEXT,
  run_id      INTEGER REFERENCES runs (id)
);
CREATE INDEX events_by_drift ON events (drift_id, id);
CREATE INDEX events_by_time ON events (at);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE sample_days (
  connector TEXT NOT NULL,
  endpoint  TEXT NOT NULL,
  day       TEXT NOT NULL,
  samples   INTEGER NOT NULL,
  ok        INTEGER NOT NULL,
  failures  TEXT NOT NULL,
  p50       REAL,
  p95       REAL,
  PRIMARY KEY (connector, endpoint, day)
);
`,
  },
];
