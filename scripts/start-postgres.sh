#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for driftwatch's store tests (installing Debian's package if missing) and prints its URL.
#
# Idempotent: run it again and it reuses the running server, role and database.
# Settings (env): DRIFTWATCH_PG_PORT (5432), DRIFTWATCH_PG_DATA (/tmp/driftwatch-pg),
#                 DRIFTWATCH_PG_USER / DRIFTWATCH_PG_PASSWORD (driftwatch), DRIFTWATCH_PG_DB (driftwatch_test),
#                 DRIFTWATCH_PG_LIB (/usr/lib/postgresql: where the versioned bin directories are looked for).
# Only the URL goes to stdout, so `export DRIFTWATCH_TEST_PG="$(scripts/start-postgres.sh)"` works.
set -euo pipefail

PORT="${DRIFTWATCH_PG_PORT:-5432}"
DATA="${DRIFTWATCH_PG_DATA:-/tmp/driftwatch-pg}"
ROLE="${DRIFTWATCH_PG_USER:-driftwatch}"
PASSWORD="${DRIFTWATCH_PG_PASSWORD:-driftwatch}"
DB="${DRIFTWATCH_PG_DB:-driftwatch_test}"
PG_LIB="${DRIFTWATCH_PG_LIB:-/usr/lib/postgresql}"
URL="postgres://${ROLE}:${PASSWORD}@127.0.0.1:${PORT}/${DB}"

log() { echo "start-postgres: $*" >&2; }
die() { log "$*"; exit 1; }

[[ "$ROLE" =~ ^[a-z_][a-z0-9_]*$ && "$DB" =~ ^[a-z_][a-z0-9_]*$ ]] || die "role and database names must be plain identifiers"
[[ "$PASSWORD" != *"'"* ]] || die "the password may not contain a single quote"

find_bindir() {
  local dir
  dir="$(ls -d "$PG_LIB"/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && echo "$dir"
}

BINDIR="$(find_bindir || true)"
if [[ -z "$BINDIR" ]]; then
  [[ "$(id -u)" == 0 ]] || die "PostgreSQL is not installed; run this script as root to install it"
  log "installing postgresql with apt-get"
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >&2
  BINDIR="$(find_bindir)" || die "postgresql installed but no initdb/pg_ctl under $PG_LIB"
fi

# The server refuses to run as root: run it as the package's postgres user (or whoever we are, if not root).
if [[ "$(id -u)" == 0 ]]; then
  id postgres >/dev/null 2>&1 || die "no postgres system user (the Debian package creates it)"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

psql_admin() { as_pg "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$DATA" -p "$PORT" -U postgres -d postgres "$@"; }

if [[ ! -s "$DATA/PG_VERSION" ]]; then
  log "creating a cluster in $DATA"
  mkdir -p "$DATA"
  [[ "$(id -u)" == 0 ]] && chown postgres:postgres "$DATA"
  chmod 700 "$DATA"
  as_pg "$BINDIR/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >&2
fi

if ! as_pg "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  if "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
    die "something else already listens on 127.0.0.1:$PORT; set DRIFTWATCH_PG_PORT to another port"
  fi
  log "starting the server on 127.0.0.1:$PORT"
  # A test server: durability settings off for speed; the socket lives in the data dir (no /var/run needed).
  as_pg "$BINDIR/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >&2 \
    || { tail -n 30 "$DATA/server.log" >&2 || true; die "the server did not start"; }
fi

psql_admin <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}') THEN
    CREATE ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}';
  ELSE
    ALTER ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}';
  END IF;
END
\$\$;
SQL
if [[ "$(psql_admin -tA -c "SELECT 1 FROM pg_database WHERE datname = '${DB}'")" != 1 ]]; then
  log "creating database ${DB}"
  psql_admin -c "CREATE DATABASE ${DB} OWNER ${ROLE}"
fi

PGPASSWORD="$PASSWORD" "$BINDIR/psql" -X -q -h 127.0.0.1 -p "$PORT" -U "$ROLE" -d "$DB" -c 'SELECT 1' >/dev/null \
  || die "the server runs but ${ROLE} cannot log in to ${DB} over TCP"
echo "$URL"
