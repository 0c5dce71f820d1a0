#!/usr/bin/env bash
# Installs missing packages, builds rcms and serves the bundled tenants on SQLite.
# Options are passed to 'rcms serve' (for example --listen 127.0.0.1:9090).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh run
swift build -c release --product rcms
exec .build/release/rcms serve --tenants Tenants "$@"
