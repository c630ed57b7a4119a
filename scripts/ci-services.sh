#!/usr/bin/env bash
# Installs and starts what the test suite talks to for real (CI, or a fresh machine). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "ci-services: nothing extra to start yet"
