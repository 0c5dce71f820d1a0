#!/usr/bin/env bash
# Runs every test: installs missing packages, starts a throwaway PostgreSQL cluster, checks
# formatting, runs the Swift test suite against SQLite and PostgreSQL, and stops the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh test

echo "== swift format lint"
swift format lint --strict --recursive Sources Tests Package.swift Plugins

pg_dir=$(mktemp -d /tmp/rcms-pg.XXXXXX)
trap 'scripts/pg-test-cluster.sh stop "$pg_dir"' EXIT
RCMS_TEST_POSTGRES_URL=$(scripts/pg-test-cluster.sh start "$pg_dir")
export RCMS_TEST_POSTGRES_URL
# Tests that need PostgreSQL fail rather than skip when this is set.
export RCMS_REQUIRE_POSTGRES=1
echo "== PostgreSQL test cluster at ${RCMS_TEST_POSTGRES_URL}"

echo "== swift build"
swift build --build-tests

echo "== swift test"
swift_log=$(mktemp /tmp/rcms-swift-test.XXXXXX)
swift test --skip-build 2>&1 | tee "$swift_log"

echo "== benchmark harness smoke run (figures are not checked here)"
.build/debug/rcms-bench --quick --postgres "$RCMS_TEST_POSTGRES_URL" >/dev/null

echo "== API fuzzing with schemathesis"
scripts/api-fuzz.sh .build/debug/rcms

echo "== browser tests of the admin pages"
scripts/browser-test.sh

# The Swift test summary, repeated last so it closes the output.
grep -E "Test run with [0-9]+ tests" "$swift_log" | tail -n 1
rm -f "$swift_log"
