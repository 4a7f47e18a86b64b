#!/usr/bin/env bash
# Installs what is missing (scripts/setup.sh), then configures and builds everything in
# Release into $CALLBOARD_BUILD_DIR (default build/release). Used by demo.sh and test.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh"
build="${CALLBOARD_BUILD_DIR:-$here/build/release}"
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j"$(nproc)"
