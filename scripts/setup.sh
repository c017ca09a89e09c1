#!/usr/bin/env bash
# Cairn set-up: installs the Debian packages the build needs (only those
# missing), configures and builds in build/, then runs the main job on the
# bundled examples: ingest examples/documents into a fresh build/examples.db,
# search it, and export it.
#
# Idempotent: run it as often as you like. `setup.sh --deps-only` installs the
# packages and the web front end's npm packages (web/node_modules, from the
# committed web/package-lock.json) and stops (scripts/test.sh and CI use that). Environment:
#   BUILD_DIR   build folder (default: build)
#   BUILD_TYPE  CMake build type (default: RelWithDebInfo)
#   JOBS        parallel build jobs (default: number of cores)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}"
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"

PACKAGES=(build-essential cmake ninja-build pkg-config libicu-dev libsqlite3-dev libxml2-dev
          nlohmann-json3-dev libcli11-dev libssl-dev libgtest-dev libgmock-dev
          libbenchmark-dev libcpp-httplib-dev zlib1g-dev python3
          libpoppler-cpp-dev libtesseract-dev libleptonica-dev tesseract-ocr-eng tesseract-ocr-kor
          libarchive-dev libgmime-3.0-dev libcairo2-dev libpango1.0-dev fonts-noto-cjk
          nodejs npm chromium)

say() { printf '\n== %s\n' "$*"; }

install_missing_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    # NodeSource's nodejs bundles npm and conflicts with Debian's npm package.
    if [ "$p" = npm ] && command -v npm >/dev/null; then continue; fi
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    echo "all ${#PACKAGES[@]} packages present"
    return
  fi
  echo "installing: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then
      sudo=(sudo)
    else
      echo "setup.sh: not root and no sudo: install these packages first: ${missing[*]}" >&2
      exit 1
    fi
  fi
  "${sudo[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
}

# web/node_modules from the lockfile (npm ci), skipped when it was already
# installed from this very lockfile.
install_web_packages() {
  local web="$ROOT/web" stamp="$ROOT/web/node_modules/.cairn-lock.sha256"
  local want
  want=$(sha256sum "$web/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "web/node_modules matches web/package-lock.json"
    return
  fi
  (cd "$web" && npm ci --no-audit --no-fund)
  echo "$want" >"$stamp"
}

say "Packages"
install_missing_packages
say "Web front end packages (npm)"
install_web_packages
if [ "${1:-}" = "--deps-only" ]; then
  exit 0
fi

say "Build ($BUILD_TYPE) in $BUILD_DIR"
cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" >/dev/null
cmake --build "$BUILD_DIR" -j "$JOBS"

CAIRN="$BUILD_DIR/cairn"
DB="$BUILD_DIR/examples.db"
rm -f "$DB" "$DB-wal" "$DB-shm"

say "Ingest examples/documents into $DB"
"$CAIRN" ingest --db "$DB" "$ROOT/examples/documents"

say "Search: Tumen River"
"$CAIRN" search --db "$DB" "Tumen River"

say "People found, and one of them in full"
"$CAIRN" people --db "$DB"
first=$("$CAIRN" people --db "$DB" --json | python3 -c 'import json,sys; p=json.load(sys.stdin); print(p[0]["id"] if p else "")')
if [ -n "$first" ]; then
  "$CAIRN" person --db "$DB" "$first"
  say "Route of $first"
  "$CAIRN" route --db "$DB" "$first" || true
fi

say "Export (JSON Lines, first 10 records)"
"$CAIRN" export --db "$DB" --format jsonl -o "$BUILD_DIR/examples.jsonl"
head -n 10 "$BUILD_DIR/examples.jsonl"
echo "... $(wc -l <"$BUILD_DIR/examples.jsonl") records in $BUILD_DIR/examples.jsonl"

say "Done. Next: scripts/test.sh"
