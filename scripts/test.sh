#!/usr/bin/env bash
# Builds Callboard and runs every test: core units, server and stream against a real server,
# headless views, the browser end to end (headless Chromium) and the desktop window under Xvfb.
# Installs what is missing first (scripts/setup.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh"
build="${CALLBOARD_BUILD_DIR:-$here/build/release}"
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j"$(nproc)"
cd "$build"
ctest --output-on-failure --timeout 600 "$@"
