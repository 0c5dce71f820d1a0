#!/usr/bin/env bash
# Installs the Debian packages RCMSKit builds, runs and tests with, when any is missing.
# Usage: scripts/install-deps.sh [run|test]   (test adds the test-only tools)
set -euo pipefail

packages=(pkg-config libyaml-dev libsqlite3-dev libpq-dev libmicrohttpd-dev libsodium-dev
  libcairo2-dev libpango1.0-dev libqrencode-dev fonts-noto-core fonts-ocr-b)
if [ "${1:-run}" = "test" ]; then
  packages+=(postgresql-15 postgresql-client-15 poppler-utils zbar-tools)
  # Headless Chromium and its WebDriver for the browser tests of the admin pages.
  packages+=(chromium chromium-driver)
fi

# The MRZ cross-check test runs zones through the mrz package, a second Doc 9303 implementation.
# It is installed once, at the version the test was written against.
if [ "${1:-run}" = "test" ] && ! python3 -c "import mrz.checker.td1" 2>/dev/null; then
  python3 -m pip install --quiet mrz==0.6.2
fi

# The API fuzzing step checks the server against its OpenAPI document with schemathesis.
if [ "${1:-run}" = "test" ] && ! command -v schemathesis >/dev/null 2>&1; then
  python3 -m pip install --quiet schemathesis==4.32.5
fi

# The browser tests drive Chromium with Selenium, pinned like the other test tools.
if [ "${1:-run}" = "test" ] && ! python3 -c "import selenium, pytest" 2>/dev/null; then
  python3 -m pip install --quiet selenium==4.27.1 pytest==9.0.3
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "installing: ${missing[*]}"
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd="sudo"
fi
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
