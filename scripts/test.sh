#!/usr/bin/env bash
# Runs every test: installs what the tests need, then the whole Maven build with unit tests,
# real-Prosody end-to-end tests (Failsafe) and Checkstyle.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
mvn -B verify
