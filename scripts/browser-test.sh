#!/usr/bin/env bash
# Runs the browser tests of the admin pages: builds rcms, serves the bundled tenants on a free
# port of 127.0.0.1 over a temporary data folder and SQLite database, adds one officer of each
# party and a monitor, runs Tests/Browser with pytest in headless Chromium, and stops the server.
# Screenshots go to artifacts/screenshots/. RCMS_BUILD_PATH picks the build folder (default .build).
set -euo pipefail
cd "$(dirname "$0")/.."

build_path=${RCMS_BUILD_PATH:-.build}
echo "== swift build rcms (browser tests)"
swift build --scratch-path "$build_path" --product rcms
rcms="$(swift build --scratch-path "$build_path" --show-bin-path)/rcms"

work=$(mktemp -d /tmp/rcms-browser.XXXXXX)
database="sqlite:${work}/rcms.sqlite"
password="browser-test $(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
server_pid=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" || true
  fi
  rm -rf "$work"
}
trap stop_server EXIT

RCMS_ADMIN_PASSWORD="$password" "$rcms" serve --listen 127.0.0.1:0 --data "$work" --database "$database" \
  >"$work/serve.out" 2>"$work/serve.log" &
server_pid=$!

# The first line names the address once the server listens; wait at most 60 seconds.
url=""
for _ in $(seq 1 120); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.out" 2>/dev/null | head -n 1 || true)
  [ -n "$url" ] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
  sleep 0.5
done
if [ -z "$url" ]; then
  echo "rcms serve did not start:" >&2
  cat "$work/serve.out" "$work/serve.log" >&2
  exit 1
fi
echo "== rcms serve at $url"

add_user() {
  printf '%s\n' "$password" | "$rcms" user add --tenant de-pk --login "$1" --party "$2" --roles "$3" \
    --password-stdin --database "$database" >/dev/null
}
add_user officer-de requesting requesting_officer
add_user officer-pk requested requested_officer
add_user monitor-de-pk monitor monitor

mkdir -p artifacts/screenshots
echo "== pytest Tests/Browser"
RCMS_BROWSER_URL="$url" RCMS_BROWSER_PASSWORD="$password" \
  python3 -m pytest -p no:cacheprovider -q Tests/Browser
