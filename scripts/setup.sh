#!/usr/bin/env bash
# Installs everything Callboard needs to build and test, on Debian 12 (bookworm).
# Idempotent: skips what is already present. Needs root (or sudo) only when something is missing.
# Third-party sources (Dear ImGui) are fetched with `apt-get source` into build/deps, never
# into the repository.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
deps_dir="${CALLBOARD_DEPS_DIR:-$here/build/deps}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
  echo "setup: need root to run: $*" >&2; exit 1; fi; }

packages=(
  build-essential cmake pkg-config ninja-build dpkg-dev ca-certificates
  emscripten
  libsqlite3-dev sqlite3 doctest-dev nlohmann-json3-dev libglfw3-dev libgl-dev libsodium-dev tzdata
  libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev
  coinor-libcbc-dev             # COIN-OR CBC: rosters and shift selection (integer programs)
  clang-14 libclang-rt-14-dev   # libFuzzer for the queue_log fuzz test
  fonts-noto-cjk fonttools python3-fonttools
  chromium xvfb xauth imagemagick x11-apps curl python3 openssl
  libcairo2-dev libpango1.0-dev  # report PDFs: cairo draws, pango sets Chinese and English text
  libcurl4-openssl-dev           # scheduled reports mailed through an SMTP relay
  poppler-utils                  # tests render report PDFs to PNG and text (pdftoppm, pdftotext)
)
# Node.js: use the machine's if present (any >= 18), else Debian's.
command -v node >/dev/null || packages+=(nodejs)
command -v npm  >/dev/null || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Dear ImGui sources from Debian's source package (the -dev package has no sources for WASM).
if [ ! -f "$deps_dir/imgui/imgui.cpp" ]; then
  # A deb-src entry with the URI, suite and Signed-By of the machine's own `deb` entry for
  # bookworm main (scripts/deb_src_entry.py reads /etc/apt; exit 2: one exists already).
  src=/etc/apt/sources.list.d/callboard-deb-src.sources
  entry_rc=0
  entry=$(/usr/bin/python3 "$here/scripts/deb_src_entry.py") || entry_rc=$?
  if [ "$entry_rc" = 0 ]; then
    echo "setup: adding $src (deb-src for bookworm main, from this machine's apt sources)"
    printf '%s\n' "$entry" | as_root tee "$src" >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  elif [ "$entry_rc" != 2 ]; then
    echo "setup: cannot add a deb-src entry for the Dear ImGui sources; add one for bookworm main by hand" >&2
    exit 1
  fi
  tmp=$(mktemp -d)
  chmod 755 "$tmp"  # apt downloads as the _apt user
  (cd "$tmp" && apt-get source -qq --download-only imgui >/dev/null && dpkg-source -q -x imgui_*.dsc imgui >/dev/null)
  mkdir -p "$deps_dir"
  rm -rf "$deps_dir/imgui"
  mv "$tmp/imgui" "$deps_dir/imgui"
  rm -rf "$tmp"
  echo "setup: Dear ImGui sources in $deps_dir/imgui"
fi

# Browser test driver from npm (the lock file pins it); uses Debian's /usr/bin/chromium.
if [ ! -d "$here/tests/e2e/node_modules/playwright-core" ]; then
  (cd "$here/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "setup: ok"
