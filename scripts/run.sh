#!/usr/bin/env bash
# Installs missing packages, builds rcms and runs it on the bundled tenants.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh run
swift build -c release --product rcms
exec .build/release/rcms config validate --tenants Tenants "$@"
