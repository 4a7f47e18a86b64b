#!/usr/bin/env bash
# Builds Callboard and runs every test: core units, server and stream against a real server,
# headless views, the browser end to end (headless Chromium) and the desktop window under Xvfb.
# Installs what is missing first. Extra arguments go to ctest (e.g. -R unit).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build="${CALLBOARD_BUILD_DIR:-$here/build/release}"
CALLBOARD_BUILD_DIR="$build" "$here/scripts/build.sh"
cd "$build"
ctest --output-on-failure --timeout 900 "$@"
