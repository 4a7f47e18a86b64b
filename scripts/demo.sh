#!/usr/bin/env bash
# Builds Callboard and starts the demo dashboard at http://127.0.0.1:8080 on an embedded SQLite
# file (callboard-demo.db in the build folder). Installs what is missing first (scripts/setup.sh).
# Extra arguments go to `callboard serve`, e.g. scripts/demo.sh --demo monday_peak --speed 10
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh"
build="${CALLBOARD_BUILD_DIR:-$here/build/release}"
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j"$(nproc)"
echo "Callboard: open http://127.0.0.1:8080 (Ctrl+C stops)"
exec "$build/server/callboard" serve --demo normal --db "$build/callboard-demo.db" "$@"
