#!/usr/bin/env bash
# Installs and starts what the test suite talks to for real (CI, or a fresh machine). Idempotent.
#
# As root, whatever is missing is installed with apt-get (one `apt-get update` for all of it, and none when nothing is missing):
#   python3, make, g++  `npm ci` compiles better-sqlite3 with them when no prebuilt binary fits
#   postgresql          the store contract suite's PostgreSQL half (started by scripts/start-postgres.sh on 127.0.0.1:5432)
#   chromium            Debian's Chromium for the HTML report's browser test (driven by playwright-core; no browser download)
# Not root: it says what is missing and goes on; under CI a missing PostgreSQL fails the script instead.
# Settings (env): DRIFTWATCH_PG_LIB (/usr/lib/postgresql), DRIFTWATCH_CHROMIUM (/usr/bin/chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

PG_LIB="${DRIFTWATCH_PG_LIB:-/usr/lib/postgresql}"
CHROMIUM="${DRIFTWATCH_CHROMIUM:-/usr/bin/chromium}"

log() { echo "ci-services: $*" >&2; }
in_ci() { [[ -n "${CI:-}" && "${CI}" != false && "${CI}" != 0 ]]; }
is_root() { [[ "$(id -u)" == 0 ]]; }
has_postgres() {
  local dir
  for dir in "$PG_LIB"/*/bin; do
    [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && return 0
  done
  return 1
}

build_missing=()
for tool in python3 make g++; do
  command -v "$tool" >/dev/null 2>&1 || build_missing+=("$tool")
done
packages=("${build_missing[@]}")
has_postgres || packages+=(postgresql)
chromium_missing=false
[[ -x "$CHROMIUM" ]] || chromium_missing=true

if is_root; then
  if (( ${#packages[@]} > 0 )) || [[ "$chromium_missing" == true ]]; then
    apt-get update >&2
    if (( ${#packages[@]} > 0 )); then
      log "installing with apt-get: ${packages[*]}"
      DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}" >&2
    fi
    if [[ "$chromium_missing" == true ]]; then
      log "installing chromium with apt-get"
      DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >&2
    fi
  fi
else
  if (( ${#build_missing[@]} > 0 )); then
    log "${build_missing[*]} missing and we are not root: npm ci cannot compile better-sqlite3 unless a prebuilt binary fits"
  fi
  if [[ "$chromium_missing" == true ]]; then
    log "$CHROMIUM is missing and we are not root: the report's browser test will fail under CI"
  fi
fi

# PostgreSQL for the store contract suite (the PostgreSQL half runs against a real server on 127.0.0.1:5432).
if is_root || has_postgres; then
  bash scripts/start-postgres.sh >/dev/null
elif in_ci; then
  log "PostgreSQL is not installed and we are not root: CI needs it (run this script as root)"
  exit 1
else
  log "PostgreSQL is not installed and we are not root: its store tests will be skipped (run this script as root to install it)"
fi
