#!/usr/bin/env bash
# Installs and starts what the test suite talks to for real (CI, or a fresh machine). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

# PostgreSQL for the store contract suite (the PostgreSQL half runs against a real server on 127.0.0.1:5432).
bash scripts/start-postgres.sh >/dev/null

# Debian's Chromium for the HTML report's browser test (driven by playwright-core; no browser download).
if [[ ! -x /usr/bin/chromium ]]; then
  if [[ "$(id -u)" == 0 ]]; then
    echo "ci-services: installing chromium with apt-get" >&2
    apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >&2
  else
    echo "ci-services: /usr/bin/chromium is missing and we are not root: the report's browser test will fail under CI" >&2
  fi
fi
