#!/usr/bin/env bash
# Installs and starts what the test suite talks to for real (CI, or a fresh machine). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

# PostgreSQL for the store contract suite (the PostgreSQL half runs against a real server on 127.0.0.1:5432).
bash scripts/start-postgres.sh >/dev/null
