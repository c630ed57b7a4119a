// The PostgreSQL schema: the same migrations as SQLite, in PostgreSQL's dialect, recorded in schema_migrations.
import type { Migration } from './sqlite.js';

export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'runs-samples-drifts-outbox',
    sql: `
CREATE TABLE runs (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('scan', 'verify', 'accept', 'watch')),
  started_at  timestamptz NOT NULL,
  finished_at timestamptz,
  finished    boolean NOT NULL DEFAULT false,
  connectors  jsonb NOT NULL DEFAULT '[]',
  summary     jsonb
);
CREATE INDEX runs_unfinished ON runs (id) WHERE NOT finished;

CREATE TABLE samples (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id      bigint NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  connector   text NOT NULL,
  endpoint    text NOT NULL,
  taken_at    timestamptz NOT NULL,
  ok          boolean NOT NULL,
  status      integer,
  latency_ms  double precision NOT NULL,
  size_bytes  bigint,
  body_hash   text,
  error_kind  text
);
CREATE INDEX samples_by_endpoint ON samples (connector, endpoint, taken_at);
CREATE INDEX samples_by_run ON samples (run_id);

CREATE TABLE drifts (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  fingerprint     text NOT NULL,
  connector       text NOT NULL,
  endpoint        text NOT NULL,
  rule            text NOT NULL,
  path            text NOT NULL,
  severity        text NOT NULL CHECK (severity IN ('breaking', 'warning', 'info')),
  source          text NOT NULL,
  message         text NOT NULL,
  before_value    jsonb,
  after_value     jsonb,
  status          text NOT NULL CHECK (status IN ('open', 'acknowledged', 'accepted', 'resolved')),
  pinned          boolean,
  suppressed      boolean NOT NULL DEFAULT false,
  first_seen_run  bigint NOT NULL REFERENCES runs (id),
  first_seen_at   timestamptz NOT NULL,
  last_seen_run   bigint NOT NULL REFERENCES runs (id),
  last_seen_at    timestamptz NOT NULL,
  resolved_at     timestamptz,
  note            text,
  updated_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX drifts_fingerprint ON drifts (fingerprint);
CREATE INDEX drifts_scope ON drifts (connector, endpoint, source, status);
CREATE INDEX drifts_last_seen ON drifts (last_seen_at);

CREATE TABLE outbox (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key             text NOT NULL,
  connector       text NOT NULL,
  target          text NOT NULL,
  payload         jsonb NOT NULL,
  created_at      timestamptz NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  delivered_at    timestamptz,
  last_error      text
);
CREATE UNIQUE INDEX outbox_key ON outbox (key);
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE delivered_at IS NULL;
`,
  },
  {
    version: 2,
    name: 'leases',
    sql: `
CREATE TABLE leases (
  name        text PRIMARY KEY,
  holder      text NOT NULL,
  until       timestamptz NOT NULL,
  acquired_at timestamptz NOT NULL
);
`,
  },
  {
    version: 3,
    name: 'evidence-and-learned-baselines',
    // A finding keeps the evidence of every source that saw it; quiet runs' evidence accumulates per endpoint.
    sql: `
ALTER TABLE drifts ADD COLUMN evidence jsonb NOT NULL DEFAULT '[]';
CREATE INDEX drifts_place ON drifts (connector, endpoint, status);

CREATE TABLE baselines (
  connector        text NOT NULL,
  endpoint         text NOT NULL,
  snapshot_version text NOT NULL,
  schema           jsonb NOT NULL,
  runs             integer NOT NULL,
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (connector, endpoint)
);
`,
  },
  {
    version: 4,
    name: 'events-sample-days-paging',
    // As SQLite's version 4 (whose column rename PostgreSQL never needed).
    sql: `
ALTER TABLE outbox ADD COLUMN fingerprints jsonb NOT NULL DEFAULT '[]';
DROP INDEX drifts_last_seen;
CREATE INDEX drifts_page ON drifts (last_seen_at, id);
DROP INDEX samples_by_run;
CREATE INDEX samples_by_time ON samples (taken_at);

CREATE TABLE events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  drift_id    bigint NOT NULL REFERENCES drifts (id),
  fingerprint text NOT NULL,
  kind        text NOT NULL,
  at          timestamptz NOT NULL,
  actor       text NOT NULL,
  note        text,
  run_id      bigint REFERENCES runs (id)
);
CREATE INDEX events_by_drift ON events (drift_id, id);
CREATE INDEX events_by_time ON events (at);
CREATE OR REPLACE FUNCTION driftwatch_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are append-only';
END $$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION driftwatch_events_append_only();

CREATE TABLE sample_days (
  connector text NOT NULL,
  endpoint  text NOT NULL,
  day       text NOT NULL,
  samples   integer NOT NULL,
  ok        integer NOT NULL,
  failures  jsonb NOT NULL,
  p50       double precision,
  p95       double precision,
  PRIMARY KEY (connector, endpoint, day)
);
`,
  },
];
