#!/usr/bin/env bash
# Fuzzes the JSON API against its own OpenAPI document with schemathesis (from PyPI): starts
# `rcms serve` on 127.0.0.1 with a throwaway SQLite database, signs in an officer, and checks
# that no request gets a 5xx and every response matches the schema. Bounded in examples and time.
# Usage: scripts/api-fuzz.sh [PATH-TO-RCMS]   (default .build/debug/rcms)
set -euo pipefail
cd "$(dirname "$0")/.."

rcms=${1:-.build/debug/rcms}
work=$(mktemp -d /tmp/rcms-fuzz.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

export RCMS_ADMIN_PASSWORD="fuzzing admin password"
"$rcms" serve --listen "127.0.0.1:$port" --data "$work/data" --database "sqlite:$work/data/rcms.sqlite" \
  --tenants Tenants >"$work/serve.out" 2>"$work/serve.log" &
server_pid=$!
for _ in $(seq 1 100); do
  if curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
  sleep 0.2
done
curl -fs "http://127.0.0.1:$port/readyz" >/dev/null

printf 'officer password for fuzzing\n' | "$rcms" user add --tenant de-pk --login fuzz-officer --party requesting \
  --roles requesting_officer,requesting_admin --password-stdin --database "sqlite:$work/data/rcms.sqlite" >/dev/null
token=$("$rcms" token create --tenant de-pk --login fuzz-officer --database "sqlite:$work/data/rcms.sqlite" | tail -n 1)

echo "== schemathesis against http://127.0.0.1:$port/api/v1/openapi.json"
status=0
schemathesis run "http://127.0.0.1:$port/api/v1/openapi.json" \
  --checks not_a_server_error,response_schema_conformance \
  --header "Authorization: Bearer $token" \
  --max-examples 15 --max-time 90 --workers 1 --seed 4242 \
  --request-timeout 10 --suppress-health-check all || status=$?

if grep -q '"level":"error"' "$work/serve.log"; then
  echo "server logged errors during fuzzing:"
  grep '"level":"error"' "$work/serve.log" | head -20
fi
exit "$status"
