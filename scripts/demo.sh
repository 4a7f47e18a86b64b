#!/usr/bin/env bash
# Builds Callboard and starts the demo dashboard at http://127.0.0.1:8080 on an embedded SQLite
# file (callboard-demo.db in the build folder). Installs what is missing first.
# Extra arguments go to `callboard serve`, e.g. scripts/demo.sh --demo monday_peak --speed 10
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build="${CALLBOARD_BUILD_DIR:-$here/build/release}"
CALLBOARD_BUILD_DIR="$build" "$here/scripts/build.sh"
echo "Callboard: open http://127.0.0.1:8080 (Ctrl+C stops)"
exec "$build/server/callboard" serve --demo normal --db "$build/callboard-demo.db" "$@"
